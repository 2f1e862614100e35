import { hasOwnKey, setOwnValue } from "../_common/own_key.ts";

/**
 * Layers a user's config over the defaults: objects merge key by key (so a user can add an
 * environment or override one field of a profile), arrays and scalars replace. Only own keys
 * count, and every key is set as an own property (a key named like an inherited property is
 * just a key).
 */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      setOwnValue(out, key, hasOwnKey(base, key) ? mergeConfig(base[key], value) : value);
    }
    return out;
  }
  return structuredClone(override);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
