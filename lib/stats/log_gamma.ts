/**
 * ln Γ(x) for x > 0. The argument is shifted up to z ≥ 10 with Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1)),
 * then Stirling's series with Bernoulli terms up to 1/z¹³ is summed: the first omitted term is
 * below 3·10⁻¹⁷ at z = 10, so the result is accurate to a few ulp away from the zeros at 1 and 2.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return Infinity;
  let z = x;
  let product = 1;
  while (z < 10) {
    product *= z;
    z += 1;
  }
  const w = 1 / (z * z);
  const series = (1 / 12 -
    w *
      (1 / 360 - w * (1 / 1260 - w * (1 / 1680 - w * (1 / 1188 - w * (691 / 360360 - w / 156)))))) /
    z;
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - Math.log(product);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
