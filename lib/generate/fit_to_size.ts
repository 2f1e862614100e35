/**
 * Size fitting: makes a record's JSON size land inside its scenario's range, near a drawn target.
 *
 * A generator describes its record as `build(n)`, where the knob `n` (rows, items, layers, nodes)
 * grows the record and the same `n` always builds the same record. `fitToSize()` searches `n`:
 * it grows `n` geometrically, extrapolating from the bytes per unit seen so far, until the size
 * passes the target, then narrows the bracket by interpolation (falling back to bisection), and
 * stops as soon as a size lies within 1% of the target. Of the evaluated candidates it keeps
 * the one inside the range closest to the target (ties: the smaller); when none is inside, it
 * throws `SizeFitError` (an internal error: the scenario cannot make records of that size).
 *
 * `withFreshStreams()` gives `build` the same random streams on every call, which is what makes
 * `build(n)` deterministic while the search calls it several times.
 */

import type { Faker } from "@faker-js/faker";
import type { Rng } from "../_common/prng.ts";
import { rememberJson } from "./json_text.ts";
import { utf8ByteLength } from "./utf8_byte_length.ts";

export class SizeFitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SizeFitError";
  }
}

export interface FitOptions<T> {
  /** Size to aim at, in bytes of `JSON.stringify(value)` as UTF-8. */
  targetBytes: number;
  /** Inclusive [min, max] bytes the result must lie in. */
  sizeRange: readonly [number, number];
  /** Builds the record for knob `n`; deterministic in `n`, size non-decreasing in `n`. */
  build: (n: number) => T;
  /** Smallest knob value (default 0). */
  minN?: number;
  /** Largest knob value (default 2^31). */
  maxN?: number;
  /** Names the record in errors, e.g. `edge_cases/deep_nesting`. */
  what?: string;
}

export interface Fitted<T> {
  value: T;
  json: string;
  bytes: number;
  n: number;
}

const EARLY_STOP_FRACTION = 0.01;
const MAX_GROWTH_FACTOR = 8;
const MAX_EVALUATIONS = 200;

export function fitToSize<T>(options: FitOptions<T>): Fitted<T> {
  const [min, max] = options.sizeRange;
  const minN = options.minN ?? 0;
  const maxN = options.maxN ?? 2 ** 31;
  const what = options.what ?? "record";
  const target = Math.min(max, Math.max(min, options.targetBytes));
  const tolerance = Math.max(1, Math.floor(target * EARLY_STOP_FRACTION));
  let evaluations = 0;
  // Only the best candidate so far keeps its value and text: a 10 MB record is held at most twice.
  let best: Fitted<T> | null = null;

  const evaluate = (n: number): Probe => {
    if (++evaluations > MAX_EVALUATIONS) {
      throw new SizeFitError(`${what}: size search did not converge (target ${target} B)`);
    }
    const value = options.build(n);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`${what}: build(${n}) is not JSON-serializable`);
    const bytes = utf8ByteLength(json);
    if (bytes >= min && bytes <= max && (best === null || closer(bytes, best.bytes, target))) {
      best = { value, json, bytes, n };
    }
    return { n, bytes };
  };
  const goodEnough = (p: Probe) => Math.abs(p.bytes - target) <= tolerance;
  const finish = (): Fitted<T> => {
    const chosen = best as Fitted<T> | null;
    if (chosen === null) throw new Error("unreachable: finish() without a candidate");
    rememberJson(chosen.value, chosen.json, chosen.bytes);
    return chosen;
  };

  let lo = evaluate(minN);
  if (lo.bytes > max) {
    throw new SizeFitError(
      `${what}: the smallest record (n=${minN}) has ${lo.bytes} B, above the range ${min}–${max} B`,
    );
  }
  if (lo.bytes > target || (goodEnough(lo) && best !== null)) return finish();

  // Grow until the size passes the target.
  let hi: Probe | null = null;
  let prev = lo;
  let n = Math.min(maxN, minN + 1);
  while (lo.n < maxN) {
    const cur = evaluate(n);
    if (goodEnough(cur) && best !== null) return finish();
    if (cur.bytes > target) {
      hi = cur;
      break;
    }
    lo = cur;
    const span = cur.n - prev.n;
    const perUnit = (cur.bytes - prev.bytes) / span;
    let next = perUnit > 0 ? cur.n + Math.round((target - cur.bytes) / perUnit) : cur.n + 2 * span;
    next = Math.max(cur.n + 1, Math.min(next, cur.n + (cur.n - minN + 1) * MAX_GROWTH_FACTOR));
    prev = cur;
    n = Math.min(maxN, next);
  }

  // Narrow the bracket [lo, hi]: interpolation, with bisection when it stalls.
  let bisect = false;
  while (hi !== null && hi.n - lo.n > 1) {
    const width = hi.n - lo.n;
    let m = bisect
      ? lo.n + Math.floor(width / 2)
      : lo.n + Math.round(((target - lo.bytes) * width) / (hi.bytes - lo.bytes));
    m = Math.max(lo.n + 1, Math.min(hi.n - 1, m));
    const cur = evaluate(m);
    if (goodEnough(cur) && best !== null) break;
    if (cur.bytes > target) hi = cur;
    else lo = cur;
    bisect = hi.n - lo.n > width / 2;
  }

  if (best === null) {
    const upper = hi === null ? `n=${maxN} is the largest knob` : `n=${hi.n} gives ${hi.bytes} B`;
    throw new SizeFitError(
      `${what}: cannot make a record of ${min}–${max} B (target ${target} B): ` +
        `n=${lo.n} gives ${lo.bytes} B, ${upper}`,
    );
  }
  return finish();
}

interface Probe {
  n: number;
  bytes: number;
}

/** Whether size `a` is a better fit for `target` than size `b` (ties: the smaller size). */
function closer(a: number, b: number, target: number): boolean {
  const da = Math.abs(a - target);
  const db = Math.abs(b - target);
  return da < db || (da === db && a < b);
}

/** Builds a record of a scenario's kind for knob `n` from fresh streams. */
export type RecordBuilder = (rng: Rng, faker: Faker, n: number) => unknown;

/**
 * Wraps a builder so that every call starts from the same random state: a stream forked from
 * `rng` under `label` and `faker` reseeded with one number drawn now from `rng`.
 */
export function withFreshStreams<T>(
  rng: Rng,
  faker: Faker,
  build: (rng: Rng, faker: Faker, n: number) => T,
  label = "fit",
): (n: number) => T {
  const fakerSeed = rng.nextUint32();
  return (n) => {
    faker.seed(fakerSeed);
    return build(rng.fork(label), faker, n);
  };
}
