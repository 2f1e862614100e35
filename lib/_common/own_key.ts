/**
 * Own keys only. Parsed JSON is a plain object, so `key in object` and `object[key]` also see
 * what every object inherits (`toString`, `constructor`, `valueOf`, `hasOwnProperty`,
 * `__proto__`): a config key or a name on the command line that happens to be one of them would
 * pass as known and then read a function. Every read of a schema, a config section, a record or a
 * manifest by a name that came from input goes through these.
 */

/** Whether `value` is an object with `key` as its own property (false for non-objects). */
export function hasOwnKey(value: unknown, key: PropertyKey): boolean {
  return value !== null && typeof value === "object" && Object.hasOwn(value, key);
}

/** The own property `key` of `record`, or undefined when it has none (never an inherited one). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Sets `record[key] = value` as an own data property, also for `__proto__` (which plain
 * assignment would treat as the prototype).
 */
export function setOwnValue<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
