/**
 * Callgrind's cache events and the cost model over them.
 *
 * `estimatedCycles()` is the model iai, iai-callgrind and Itamar Turner-Trauring's "consistent
 * benchmarking in CI" use: an L1 hit costs 1 cycle, a last-level hit 5, a RAM access 35 —
 *
 *   accesses = Ir + Dr + Dw
 *   L1 misses = I1mr + D1mr + D1mw,   LL misses = ILmr + DLmr + DLmw
 *   cycles = (accesses − L1 misses) + 5·(L1 misses − LL misses) + 35·LL misses
 *
 * over the simulated caches pinned by `CACHE_GEOMETRY` (the host's own geometry would make counts
 * depend on the machine). It ignores branch prediction, pipelining and SIMD width: it is a
 * deterministic proxy that moves with cache behaviour, not a prediction of wall time.
 */

/** The events callgrind writes with `--cache-sim=yes`, in its order. */
export const CALLGRIND_EVENTS = [
  "Ir",
  "Dr",
  "Dw",
  "I1mr",
  "D1mr",
  "D1mw",
  "ILmr",
  "DLmr",
  "DLmw",
] as const;
export type CallgrindEvent = typeof CALLGRIND_EVENTS[number];
export type CallgrindEvents = Record<CallgrindEvent, number>;

/** Simulated caches (size bytes, associativity, line bytes): CodSpeed's and iai's pinned values. */
export const CACHE_GEOMETRY = {
  I1: [32768, 8, 64],
  D1: [32768, 8, 64],
  LL: [8388608, 16, 64],
} as const;

export const CYCLE_FORMULA = "(Ir+Dr+Dw − L1 misses) + 5·(L1 misses − LL misses) + 35·LL misses; " +
  "L1 misses = I1mr+D1mr+D1mw, LL misses = ILmr+DLmr+DLmw";

export function estimatedCycles(e: CallgrindEvents): number {
  const accesses = e.Ir + e.Dr + e.Dw;
  const l1Misses = e.I1mr + e.D1mr + e.D1mw;
  const llMisses = e.ILmr + e.DLmr + e.DLmw;
  return (accesses - l1Misses) + 5 * (l1Misses - llMisses) + 35 * llMisses;
}

/** The events of a parsed part as a record; events the part lacks count 0. */
export function eventsOf(names: readonly string[], totals: readonly number[]): CallgrindEvents {
  const events = Object.fromEntries(CALLGRIND_EVENTS.map((e) => [e, 0])) as CallgrindEvents;
  names.forEach((name, i) => {
    if ((CALLGRIND_EVENTS as readonly string[]).includes(name)) {
      events[name as CallgrindEvent] = totals[i] ?? 0;
    }
  });
  return events;
}
