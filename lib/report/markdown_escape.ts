import { markupText } from "./control_characters.ts";

/**
 * Escaping of untrusted strings (target names, labels, versions, CPU models, error messages — all
 * of which can come from a pull request) for GitHub-flavoured Markdown, inline text and table
 * cells alike:
 * - bidirectional controls are dropped, other control characters and line breaks become spaces
 *   (a newline would end a table row) — `markupText()`, the rendering layer's one filter;
 * - `&`, `<`, `>` become entities, so no HTML (comments, `<details>`, images) gets through;
 * - `@` and `#` become entities, so nobody is mentioned and no issue is referenced;
 * - `:` becomes an entity, so `http://…` is not autolinked;
 * - the other Markdown punctuation (`\ ` * _ { } [ ] ( ) + - . ! | ~ =`) is backslash-escaped;
 * - the result is cut to `maxLength` characters (default 200) with an ellipsis.
 */
export function escapeMarkdown(text: string, maxLength = 200): string {
  // deno-lint-ignore no-control-regex
  let clean = markupText(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " "));
  if ([...clean].length > maxLength) clean = `${[...clean].slice(0, maxLength - 1).join("")}…`;
  let out = "";
  for (const ch of clean) {
    switch (ch) {
      case "&":
        out += "&amp;";
        break;
      case "<":
        out += "&lt;";
        break;
      case ">":
        out += "&gt;";
        break;
      case "@":
        out += "&#64;";
        break;
      case "#":
        out += "&#35;";
        break;
      case ":":
        out += "&#58;";
        break;
      default:
        out += "\\`*_{}[]()+-.!|~=".includes(ch) ? `\\${ch}` : ch;
    }
  }
  return out;
}
