/**
 * The one filter of characters that must not reach a reader as they are. Text from a stored
 * record, a config, or a benchmarked library's exception message can carry:
 * - C0 controls: ESC starts terminal escape sequences (a window title, `OSC 52` writing the
 *   clipboard, clearing the screen), CR overwrites the line, BEL and backspace; DEL;
 * - C1 controls (U+0080–U+009F; U+009B is a one-character CSI on some terminals);
 * - the line and paragraph separators U+2028 and U+2029;
 * - bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which reorder
 *   what a reader sees without changing what the text says.
 *
 * Terminal text shows each of them as a visible escape (`\x1b`, `\u202e`): `terminalText()` keeps
 * the line breaks a renderer wrote, `terminalLine()` shows a message's first non-empty line,
 * `terminalCell()` puts all of it on one line. Markdown and HTML drop the bidirectional controls
 * and turn the other controls into spaces (`markupText()`); JSON output escapes them
 * (`jsonText()`), which leaves the document's values unchanged.
 */

const BIDI = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";
const CONTROLS_BUT_NEWLINE = "\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029";

const UNSAFE_BUT_NEWLINE = new RegExp(`[${CONTROLS_BUT_NEWLINE}${BIDI}]`, "g");
const BIDI_CONTROLS = new RegExp(`[${BIDI}]`, "g");
// deno-lint-ignore no-control-regex
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
/** What JSON.stringify leaves as it is but a terminal would act on. */
const UNSAFE_IN_JSON = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${BIDI}]`, "g");
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

const NAMED: Record<string, string> = { "\t": "\\t", "\r": "\\r" };

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ??
    (code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`);
}

/** Text for a terminal: every unsafe character as a visible escape; line breaks (`\n`) kept. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, visible);
}

/**
 * One line for a terminal: the first line of `text` that is not blank (a message that starts with
 * a line break still shows its words), escaped, cut to `maxLength` characters.
 */
export function terminalLine(text: string, maxLength = 160): string {
  const line = text.split(LINE_BREAK).find((l) => l.trim() !== "")?.trim() ?? "";
  return cut(terminalText(line), maxLength);
}

/** All of `text` on one line for a table cell: its non-blank lines joined by spaces, escaped. */
export function terminalCell(text: string): string {
  return terminalText(
    text.split(LINE_BREAK).map((l) => l.trim()).filter((l) => l !== "").join(" "),
  );
}

/**
 * Text for Markdown or HTML before their own escaping: bidirectional controls removed, the other
 * controls as spaces; tabs and line breaks (`\n`) stay for the caller to treat (Markdown cells
 * turn them into spaces, HTML shows them as white space).
 */
export function markupText(text: string): string {
  return text.replace(BIDI_CONTROLS, "").replace(CONTROLS_BUT_LAYOUT, " ");
}

/** Serialized JSON with the characters JSON.stringify keeps raw but a terminal would act on. */
export function jsonText(json: string): string {
  return json.replace(
    UNSAFE_IN_JSON,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function cut(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
