import { AssertionError } from "node:assert/strict";

/** Asserts |actual − expected| ≤ relTol·|expected| (or ≤ relTol when expected is 0). */
export function assertClose(
  actual: number,
  expected: number,
  relTol = 1e-9,
  message?: string,
): void {
  const scale = expected === 0 ? 1 : Math.abs(expected);
  if (!(Math.abs(actual - expected) <= relTol * scale)) {
    throw new AssertionError({
      message: `${message ? `${message}: ` : ""}expected ${expected} ± ${
        relTol * scale
      }, got ${actual}`,
      actual,
      expected,
    });
  }
}
