/**
 * `progressiveObject()`: a record that grows one field at a time, then one list item at a time —
 * the usual knob for small records (`n` = how many parts are included). Fields are produced in
 * order, so the first k fields are the same whatever `n` is.
 */

export type FieldMaker = readonly [key: string, make: () => unknown];

export interface RepeatedField {
  key: string;
  /** Makes item `k` (0-based) of the list. */
  item: (k: number) => unknown;
}

export function progressiveObject(
  base: Record<string, unknown>,
  fields: readonly FieldMaker[],
  n: number,
  repeat?: RepeatedField,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const take = Math.min(n, fields.length);
  for (let k = 0; k < take; k++) out[fields[k][0]] = fields[k][1]();
  if (repeat !== undefined && n > fields.length) {
    const items: unknown[] = [];
    for (let k = 0; k < n - fields.length; k++) items.push(repeat.item(k));
    out[repeat.key] = items;
  }
  return out;
}
