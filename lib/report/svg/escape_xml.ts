import { markupText } from "../control_characters.ts";

/**
 * Escapes text for XML/HTML element content and attribute values, after dropping bidirectional
 * controls and turning other control characters into spaces (`markupText()`).
 */
export function escapeXml(text: string): string {
  return markupText(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
