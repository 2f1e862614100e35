/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers as
 * `JSON.stringify` writes them. Content hashes (runId, config hash) are taken over this form so
 * that key order and formatting never change an identity.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortKeys(child);
    }
    return out;
  }
  return value;
}
