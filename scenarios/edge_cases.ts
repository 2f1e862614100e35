/**
 * edge_cases: the values that break serializers — size extremes (10 B to 100 KB, long strings,
 * wide objects, empty containers), special floats (NaN, ±Infinity as typed `float`), integers
 * beyond 2^53 (typed `int`), empty and whitespace-only strings, control characters, emoji (ZWJ
 * sequences, flags, skin tones), CJK (including supplementary-plane ideographs), right-to-left
 * text and bidi overrides, combining marks, zero-width characters, U+2028/U+2029, deep nesting up
 * to DataSON's depth limit of 50, and circular references simulated by `{"$ref": id}` links.
 *
 * Lone surrogates are left out on purpose: Python's `json` accepts them but UTF-8 encoders
 * (orjson, the UTF-8 files themselves) cannot carry them, so they would measure a crash, not speed.
 */

import type { Faker } from "@faker-js/faker";
import { fitToSize, type RecordBuilder, withFreshStreams } from "../lib/generate/fit_to_size.ts";
import type { Rng } from "../lib/_common/prng.ts";
import { type FieldMaker, progressiveObject } from "../lib/generate/progressive_object.ts";
import { token } from "../lib/generate/random_values.ts";
import type { Scenario } from "../lib/generate/scenario.ts";
import { bigIntValue, type SpecialFloat, specialFloatValue } from "../lib/generate/typed_values.ts";

const SIZE_RANGE = [10, 100_000] as const;

/** DataSON refuses structures nested deeper than 50 containers. */
export const MAX_NESTING_DEPTH = 50;

const STRING_POOLS: Record<string, readonly string[]> = {
  empty: [""],
  whitespace: [" ", "   ", "\t", "\n", "\r\n", " \t\n\r ", "\u00a0", "\u3000", "\u2003\u2009"],
  control: [
    "\u0000",
    "nul\u0000inside",
    "\u0001\u0002\u0003\u0004\u0005\u0006\u0007",
    "\b\f\v",
    "\u001b[31mred\u001b[0m",
    "\u007f\u0080\u009f",
    "tab\there",
  ],
  emoji: [
    "😀",
    "👩‍👩‍👧‍👦",
    "🇺🇳🇯🇵",
    "👍🏽",
    "🧑‍💻",
    "❤️",
    "🫠 melting",
    "🏳️‍🌈",
  ],
  cjk: [
    "漢字",
    "中文测试数据",
    "日本語のテキスト",
    "한국어 문장",
    "𠜎𠜱𠝹𠱓",
    "ｆｕｌｌｗｉｄｔｈ",
  ],
  rtl: [
    "مرحبا بالعالم",
    "שלום עולם",
    "abc \u202eevil\u202c def",
    "\u200fRLM",
    "العربية 123 English",
  ],
  combining: [
    "e\u0301",
    "a\u0308\u0304",
    "Z\u0324\u0354\u0367\u0311\u0313a\u0356\u032d\u0308\u0307l\u036e\u0312\u036bg\u031co",
    "\u1100\u1161\u11a8",
    "n\u0303o\u0303",
  ],
  zero_width: ["zero\u200bwidth", "\u200c\u200d", "\ufeffBOM", "word\u2060joiner", "\u200b"],
  separators: ["line\u2028separator", "para\u2029graph", "\u0085next-line"],
  escapes: ['"quoted"', "back\\slash", "</script>", '{"json": "inside"}', "'single'"],
};
const STRING_CATEGORIES = Object.keys(STRING_POOLS);

function trickyString(r: Rng, k: number, offset: number): string {
  const category = STRING_CATEGORIES[(k + offset) % STRING_CATEGORIES.length];
  return r.pick(STRING_POOLS[category]);
}

/** A list of tricky strings, cycling through every category. */
function strings(r: Rng, _f: Faker, n: number) {
  const offset = r.int(0, STRING_CATEGORIES.length - 1);
  return Array.from({ length: n }, (_, k) => trickyString(r, k, offset));
}

/** An object whose keys are tricky strings (the empty key, emoji, RTL, NUL …). */
function unicodeKeys(r: Rng, _f: Faker, n: number) {
  const offset = r.int(0, STRING_CATEGORIES.length - 1);
  const out: Record<string, unknown> = {};
  for (let k = 0; k < n; k++) {
    const key = trickyString(r, k, offset);
    out[key in out ? `${key}#${k}` : key] = r.pick([k, "value", null, true]);
  }
  return out;
}

const EXTREME_NUMBERS: readonly number[] = [
  0,
  -1,
  0.1,
  0.30000000000000004, // 0.1 + 0.2
  0.3333333333333333,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e21,
  1e-7,
  123456789.12345679,
  1.5e-323, // 3 × 2^-1074, a subnormal
  4.35,
];

/** Plain numbers at the edges of double precision (all finite, all exact in JSON). */
function numbers(r: Rng, _f: Faker, n: number) {
  return Array.from({ length: n }, () => r.pick(EXTREME_NUMBERS));
}

const SPECIALS: readonly SpecialFloat[] = ["nan", "inf", "-inf"];

/** NaN and ±Infinity (typed `float`) among extreme finite numbers; the first three are the specials. */
function specialFloats(r: Rng, _f: Faker, n: number) {
  const first = r.shuffle(SPECIALS);
  return Array.from({ length: n }, (_, k) => {
    if (k < 3) return specialFloatValue(first[k]);
    return r.next() < 0.5 ? specialFloatValue(r.pick(SPECIALS)) : r.pick(EXTREME_NUMBERS);
  });
}

const TWO_53 = 2n ** 53n;

/** Integers outside ±(2^53−1) as typed `int`, next to the largest safe integers. */
function bigIntegers(r: Rng, _f: Faker, n: number) {
  const fixed: bigint[] = [
    TWO_53 + 1n,
    -(TWO_53 + 1n),
    2n ** 63n - 1n,
    -(2n ** 63n),
    2n ** 64n,
    10n ** 30n,
    2n ** 100n,
    3n ** 200n,
  ];
  const start = r.int(0, fixed.length - 1);
  return Array.from({ length: n }, (_, k) => {
    if (k % 4 === 3) return r.pick([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);
    if (k < fixed.length) return bigIntValue(fixed[(start + k) % fixed.length]);
    // A random integer of 17 to 60 digits.
    let value = BigInt(r.int(1, 9));
    for (let d = r.int(16, 59); d > 0; d--) value = value * 10n + BigInt(r.int(0, 9));
    return bigIntValue(r.next() < 0.5 ? -value : value);
  });
}

/**
 * Nesting as deep as DataSON allows: min(n + 1, 50) containers, alternating objects and lists;
 * past the limit the innermost list fills with items instead.
 */
function deepNesting(r: Rng, _f: Faker, n: number) {
  const depth = Math.min(n + 1, MAX_NESTING_DEPTH);
  const leaf: unknown[] = [];
  for (let k = 0; k < n + 1 - depth; k++) leaf.push(r.pick(["leaf", k, null, true, ""]));
  let value: unknown = leaf;
  for (let level = depth - 1; level >= 1; level--) {
    value = level % 2 === 1 ? { [`d${level}`]: value } : [value];
  }
  return value;
}

/**
 * A cyclic linked structure serialized by id: each node links `next` and `prev` by
 * `{"$ref": id}`, the last node points back to the first, some point at themselves.
 */
function circularRefs(r: Rng, _f: Faker, n: number) {
  const nodes = [];
  for (let k = 0; k < n; k++) {
    const node: Record<string, unknown> = {
      id: `n${k}`,
      next: { $ref: `n${(k + 1) % n}` },
      prev: { $ref: `n${(k + n - 1) % n}` },
    };
    if (r.next() < 0.2) node.self = { $ref: `n${k}` };
    nodes.push(node);
  }
  return { root: { $ref: "n0" }, nodes };
}

/** One long string, a long flat list, a wide object, or many empty containers. */
function sizeExtremes(r: Rng, _f: Faker, n: number) {
  switch (r.int(0, 3)) {
    case 0: {
      const unit = token(r, 16);
      return unit.repeat(Math.ceil(n / 16)).slice(0, n);
    }
    case 1:
      return Array.from({ length: n }, (_, k) => k % 10);
    case 2:
      return Object.fromEntries(Array.from({ length: n }, (_, k) => [`k${k}`, null]));
    default:
      return Array.from({ length: n }, (_, k) => [{}, [], "", null][k % 4]);
  }
}

/** JSON's own corner values side by side. */
function jsonCorners(r: Rng, _f: Faker, n: number) {
  const fields: FieldMaker[] = [
    ["null", () => null],
    ["true", () => true],
    ["false", () => false],
    ["empty_string", () => ""],
    ["empty_list", () => []],
    ["empty_object", () => ({})],
    ["whitespace", () => r.pick(STRING_POOLS.whitespace)],
    ["zero_width", () => r.pick(STRING_POOLS.zero_width)],
    ["nested_empty", () => [[[]], [{}], { "": [] }]],
    ["max_safe", () => Number.MAX_SAFE_INTEGER],
    ["tiny", () => 5e-324],
  ];
  return progressiveObject({}, fields, n, {
    key: "more",
    item: (k) => [null, "", [], {}, 0, false][k % 6],
  });
}

interface EdgeKind {
  name: string;
  build: RecordBuilder;
  /** Records below this many bytes use other kinds (this one cannot be that small). */
  minBytes: number;
}

const KINDS: readonly EdgeKind[] = [
  { name: "strings", build: strings, minBytes: 10 },
  { name: "unicode_keys", build: unicodeKeys, minBytes: 10 },
  { name: "numbers", build: numbers, minBytes: 10 },
  { name: "special_floats", build: specialFloats, minBytes: 40 },
  { name: "big_integers", build: bigIntegers, minBytes: 80 },
  { name: "deep_nesting", build: deepNesting, minBytes: 10 },
  { name: "circular_refs", build: circularRefs, minBytes: 60 },
  { name: "size_extremes", build: sizeExtremes, minBytes: 10 },
  { name: "json_corners", build: jsonCorners, minBytes: 10 },
];

export const edgeCases: Scenario = {
  name: "edge_cases",
  description: "Edge cases: size extremes, NaN/±Inf, big integers, control and unicode " +
    "characters, deep nesting, circular references by id",
  defaultCount: 200,
  sizeRange: SIZE_RANGE,
  tier: "json_safe",
  generate(rng, faker, targetBytes) {
    const kind = rng.pick(KINDS.filter((k) => k.minBytes <= targetBytes));
    return fitToSize({
      targetBytes,
      sizeRange: SIZE_RANGE,
      build: withFreshStreams(rng, faker, kind.build),
      minN: kind.name === "circular_refs" ? 1 : 0,
      maxN: 1_000_000,
      what: `edge_cases/${kind.name}`,
    }).value;
  },
};
