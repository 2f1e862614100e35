/**
 * `setLongTimeout()`: a timeout for any delay. `setTimeout` keeps its delay in a signed 32-bit
 * integer of milliseconds, so a delay of 2^31 ms (about 24.8 days) or more fires at once; this
 * arms it in steps no longer than that and re-arms until the whole delay has passed. A delay that
 * is not finite (Infinity, NaN) never fires; zero or a negative one fires on the next turn.
 */

/** The longest delay `setTimeout` honours: 2^31 − 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Calls `callback` once `ms` milliseconds have passed; returns a function that cancels it. */
export function setLongTimeout(callback: () => void, ms: number): () => void {
  if (!Number.isFinite(ms)) return () => {};
  const due = performance.now() + Math.max(0, ms);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const arm = (delay: number) => {
    timer = setTimeout(() => {
      if (cancelled) return;
      const left = due - performance.now();
      if (left >= 1) arm(left);
      else callback();
    }, Math.min(Math.max(0, delay), MAX_TIMER_MS));
  };
  arm(ms);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
