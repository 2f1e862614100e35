/**
 * The two Eta instances of the project. Both keep whitespace as written (`autoTrim: false`;
 * templates trim explicitly with `-%>`), because Markdown tables and HTML `<pre>` blocks depend
 * on exact newlines.
 * - `htmlEta` escapes every `<%= %>` output for HTML (`autoEscape: true`) with `escapeXml()`, which
 *   also drops bidirectional controls and other control characters.
 * - `markdownEta` does not escape: HTML entities would be wrong in Markdown. View models pass
 *   untrusted strings through `escapeMarkdown()` before they reach a template.
 * Templates are imported as text (`with { type: "text" }`) and compiled once per instance.
 */

import { Eta } from "eta";
import { escapeXml } from "./svg/escape_xml.ts";

export const htmlEta = new Eta({
  autoEscape: true,
  autoTrim: false,
  escapeFunction: (value: unknown) => escapeXml(String(value)),
});
export const markdownEta = new Eta({ autoEscape: false, autoTrim: false });

type Compiled = ReturnType<Eta["compile"]>;
const compiled = new WeakMap<Eta, Map<string, Compiled>>();

/** Renders a template string with a plain view model, compiling each template once. */
export function renderTemplate(eta: Eta, template: string, model: object): string {
  let cache = compiled.get(eta);
  if (!cache) compiled.set(eta, cache = new Map());
  let fn = cache.get(template);
  if (!fn) cache.set(template, fn = eta.compile(template));
  return eta.render(fn, model);
}
