import assert from "node:assert/strict";
import { escapeMarkdown } from "../../lib/report/markdown_escape.ts";

Deno.test("escapeMarkdown() neutralises HTML, mentions, references, links and table pipes", () => {
  assert.equal(
    escapeMarkdown("<!-- x --><img src=x>"),
    "&lt;\\!\\-\\- x \\-\\-&gt;&lt;img src\\=x&gt;",
  );
  assert.equal(escapeMarkdown("@octocat #12"), "&#64;octocat &#35;12");
  assert.equal(escapeMarkdown("[a](http://e.x)"), "\\[a\\]\\(http&#58;//e\\.x\\)");
  assert.equal(escapeMarkdown("a|b"), "a\\|b");
  assert.equal(escapeMarkdown("*x* _y_ `z` ~w~"), "\\*x\\* \\_y\\_ \\`z\\` \\~w\\~");
  assert.equal(escapeMarkdown("A & B"), "A &amp; B");
});

Deno.test("escapeMarkdown() keeps one line and a bounded length", () => {
  assert.equal(escapeMarkdown("line 1\nline 2\r\n| x"), "line 1 line 2 \\| x");
  assert.equal(escapeMarkdown("x".repeat(500), 10), `${"x".repeat(9)}…`);
  assert.equal(escapeMarkdown("Intel(R) Xeon 3.0GHz"), "Intel\\(R\\) Xeon 3\\.0GHz");
});
