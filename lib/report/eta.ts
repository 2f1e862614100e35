/**
 * The Eta instance for Markdown templates: `autoTrim: false` (Eta's default would eat the newline
 * after every tag) and no auto-escaping — untrusted strings are escaped for Markdown explicitly in
 * the view models. Templates are embedded with text imports and rendered with `renderString`.
 */

import { Eta } from "eta";

export const markdownEta = new Eta({ autoTrim: false, autoEscape: false });
