/**
 * Where a competitor cannot carry what a scenario holds, by its own documentation: the only cells
 * (target × tier × scenario) where a built-in competitor is expected not to be `ok`. Everywhere else
 * every competitor is `ok` on both tiers (DESIGN.md, "Measures"); what a round trip loses there is
 * its fidelity, not an exception. Both operations of a listed cell fail: deserialize's input is
 * made by the same target's serialize.
 *
 * One list, one place: the report shows these reasons next to the cells, README lists them, and
 * `tests/bench/documented_exceptions_test.ts` measures every competitor on every scenario in both
 * tiers and checks that the cells that are not `ok` are exactly these.
 */

import type { DataTier, ScenarioName } from "../_common/vocabulary.ts";

export interface DocumentedException {
  target: string;
  tier: DataTier;
  scenario: ScenarioName;
  status: "unsupported";
  /** The values of the scenario the library cannot carry. */
  values: string;
  /** What the library's documentation says, in a sentence. */
  reason: string;
  /** The documentation section that says it. */
  docs: string;
}

const ORJSON_INT = {
  values: "integers beyond 64 bits",
  reason: "orjson serializes integers from -9223372036854775807 to 18446744073709551615 only, " +
    "and raises for larger ones without calling default",
  docs: "https://github.com/ijl/orjson#int",
} as const;

const MSGPACK_INT = {
  values: "integers beyond 64 bits",
  reason: "a MessagePack Integer is limited to -(2^63) … (2^64)-1; plain packb raises for " +
    "larger ones (the typed tier's default carries them as an ext type)",
  docs: "https://github.com/msgpack/msgpack/blob/master/spec.md#types-limitation",
} as const;

const CBOR2_TYPES = "https://cbor2.readthedocs.io/en/latest/usage.html#tag-support";

export const DOCUMENTED_EXCEPTIONS: readonly DocumentedException[] = [
  { target: "orjson", tier: "typed", scenario: "edge_cases", status: "unsupported", ...ORJSON_INT },
  { target: "orjson", tier: "json", scenario: "edge_cases", status: "unsupported", ...ORJSON_INT },
  {
    target: "msgpack",
    tier: "json",
    scenario: "edge_cases",
    status: "unsupported",
    ...MSGPACK_INT,
  },
  // cbor2 is measured as it is (no default=): it encodes the standard-library types of its tag
  // table, which has no datetime.time, and no numpy or pandas types.
  {
    target: "cbor2",
    tier: "typed",
    scenario: "api_fast",
    status: "unsupported",
    values: "datetime.time",
    reason: "cbor2 encodes the standard-library types of its tag table; datetime.time is not " +
      "among them",
    docs: CBOR2_TYPES,
  },
  {
    target: "cbor2",
    tier: "typed",
    scenario: "ml_training",
    status: "unsupported",
    values: "numpy arrays, DataFrames",
    reason: "cbor2 encodes the standard-library types of its tag table; numpy and pandas types " +
      "are not among them",
    docs: CBOR2_TYPES,
  },
  {
    target: "cbor2",
    tier: "typed",
    scenario: "large_data",
    status: "unsupported",
    values: "numpy arrays, DataFrames",
    reason: "cbor2 encodes the standard-library types of its tag table; numpy and pandas types " +
      "are not among them",
    docs: CBOR2_TYPES,
  },
];

/** The documented exception of a cell, if it has one. */
export function documentedException(
  target: string,
  tier: DataTier,
  scenario: string,
): DocumentedException | undefined {
  return DOCUMENTED_EXCEPTIONS.find((e) =>
    e.target === target && e.tier === tier && e.scenario === scenario
  );
}
