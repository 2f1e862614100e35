/**
 * Seeded building blocks for scenario generators: numbers with a fixed number of decimals, UUIDs,
 * datetimes before the reference date, prices, card numbers. Every float is made from seeded
 * integers with +, −, ×, ÷ and `Math.round` only (all exactly rounded in IEEE 754), so the JSON text
 * is the same on every platform; no `Math.sin/exp/log`, no `Intl`, no wall clock.
 */

import type { Faker } from "@faker-js/faker";
import type { Rng } from "../_common/prng.ts";
import {
  datetimeValue,
  dateValue,
  decimalValue,
  timeValue,
  type TypedValue,
  uuidValue,
} from "./typed_values.ts";

const MICROS_PER_DAY = 86_400_000_000;

/** Powers of ten as literals (no `Math.pow`, whose implementation could differ). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** `x` rounded to `decimals` places (0 ≤ decimals ≤ 15). */
export function roundTo(x: number, decimals: number): number {
  const scale = POW10[decimals];
  if (scale === undefined) throw new RangeError(`roundTo(): decimals ${decimals} not in 0..15`);
  const rounded = Math.round(x * scale) / scale;
  return rounded === 0 ? 0 : rounded; // never -0
}

/** Uniform in [min, max), rounded to `decimals` places. */
export function uniform(rng: Rng, min: number, max: number, decimals: number): number {
  return roundTo(min + (max - min) * rng.next(), decimals);
}

/**
 * An approximately standard normal value (Irwin–Hall: the sum of four uniforms, centred and
 * scaled to unit variance), rounded to `decimals` places. Bounded to ±3.46, which suits weights
 * and noise.
 */
export function approxNormal(rng: Rng, decimals: number): number {
  const sum = rng.next() + rng.next() + rng.next() + rng.next();
  // Var(sum) = 4/12 = 1/3, so (sum − 2) × √3 has unit variance; √3 is exactly rounded.
  return roundTo((sum - 2) * Math.sqrt(3), decimals);
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** `n` random bytes. */
export function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const word = rng.nextUint32();
    for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
  }
  return out;
}

/** A random (version 4) UUID as a typed value. */
export function uuid4(rng: Rng): TypedValue<"uuid", string> {
  const bytes = randomBytes(rng, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return uuidValue(bytes);
}

/** UTC offsets (minutes) that real timestamps carry, including half- and quarter-hour zones. */
export const UTC_OFFSETS_MINUTES: readonly number[] = [
  0,
  0,
  60,
  120,
  -300,
  -240,
  -420,
  330,
  345,
  480,
  540,
  -210,
  600,
  -600,
];

/** The config's reference date (faker's default reference date) in epoch microseconds. */
export function referenceMicros(faker: Faker): number {
  return faker.defaultRefDate().getTime() * 1000;
}

/** A datetime up to `maxDaysBack` days before the reference date, in a random UTC offset. */
export function datetimeBefore(
  rng: Rng,
  faker: Faker,
  maxDaysBack: number,
): TypedValue<"datetime", string> {
  const back = rng.int(0, maxDaysBack * 86_400) * 1_000_000 + rng.int(0, 999_999);
  return datetimeValue(referenceMicros(faker) - back, rng.pick(UTC_OFFSETS_MINUTES));
}

/** A date between `minDaysBack` and `maxDaysBack` days before the reference date. */
export function dateBefore(
  rng: Rng,
  faker: Faker,
  minDaysBack: number,
  maxDaysBack: number,
): TypedValue<"date", string> {
  const refDays = Math.floor(referenceMicros(faker) / MICROS_PER_DAY);
  return dateValue(refDays - rng.int(minDaysBack, maxDaysBack));
}

/** A date up to `maxDaysAhead` days after the reference date. */
export function dateAfter(
  rng: Rng,
  faker: Faker,
  maxDaysAhead: number,
): TypedValue<"date", string> {
  const refDays = Math.floor(referenceMicros(faker) / MICROS_PER_DAY);
  return dateValue(refDays + rng.int(0, maxDaysAhead));
}

/** A time of day on a `stepMinutes` grid between the given hours (e.g. opening hours). */
export function timeOfDay(
  rng: Rng,
  fromHour: number,
  toHour: number,
  stepMinutes = 15,
): TypedValue<"time", string> {
  const slots = Math.floor(((toHour - fromHour) * 60) / stepMinutes);
  const minutes = fromHour * 60 + rng.int(0, slots - 1) * stepMinutes;
  return timeValue(minutes * 60_000_000);
}

/** A price as a Decimal with two places, between `minCents` and `maxCents`, ending .99/.49/.00 often. */
export function priceValue(
  rng: Rng,
  minCents: number,
  maxCents: number,
): TypedValue<"decimal", string> {
  let cents = rng.int(minCents, maxCents);
  const style = rng.int(0, 3);
  if (style === 0) cents = Math.max(minCents, cents - (cents % 100) + 99);
  else if (style === 1) cents = cents - (cents % 100);
  return decimalValue(Math.min(maxCents, cents), 2);
}

/** A 16-digit card number with a valid Luhn check digit, as 16 digits or in dashed groups. */
export function cardNumber(rng: Rng, dashed: boolean): string {
  const prefix = rng.pick(["4", "51", "52", "53", "54", "55", "6011"]);
  const digits = prefix.split("").map(Number);
  while (digits.length < 15) digits.push(rng.int(0, 9));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    // From the right, the check digit is position 0; double the digits at odd positions from it.
    let d = digits[14 - i];
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  const text = digits.join("");
  return dashed ? text.replace(/(\d{4})(?=\d)/g, "$1-") : text;
}

/** An SSN-shaped identifier `ddd-dd-dddd` (area 001–899 except 666, as issued numbers look). */
export function ssnLike(rng: Rng): string {
  let area = rng.int(1, 898);
  if (area === 666) area = 667;
  const group = rng.int(1, 99);
  const serial = rng.int(1, 9999);
  return `${String(area).padStart(3, "0")}-${String(group).padStart(2, "0")}-${
    String(serial).padStart(4, "0")
  }`;
}

/** A US-style phone number `+1-ddd-ddd-dddd`. */
export function phoneNumber(rng: Rng): string {
  return `+1-${rng.int(201, 989)}-${rng.int(200, 999)}-${
    String(rng.int(0, 9999)).padStart(4, "0")
  }`;
}

/** A token of `length` characters from a URL-safe alphabet. */
export function token(rng: Rng, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, 63)];
  return out;
}

/** `count` distinct picks from `items` (count ≤ items.length), in random order. */
export function distinctPicks<T>(rng: Rng, items: readonly T[], count: number): T[] {
  return rng.shuffle(items).slice(0, Math.min(count, items.length));
}
