/** The sample standard deviation, with the n − 1 denominator (R's `sd()`); at least two values. */
export function standardDeviation(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) throw new RangeError(`standardDeviation() needs at least 2 values (got ${n})`);
  let mean = 0;
  for (const x of values) mean += x;
  mean /= n;
  let squares = 0;
  for (const x of values) squares += (x - mean) * (x - mean);
  return Math.sqrt(squares / (n - 1));
}
