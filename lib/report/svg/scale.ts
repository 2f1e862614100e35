/** Axis scales and tick choices for the SVG charts. */

export interface Scale {
  (value: number): number;
  ticks: number[];
  domain: [number, number];
}

/** "Nice" round tick values covering [min, max] (about `count` of them). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rawStep = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep)!;
  const first = Math.ceil(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Linear scale from [d0, d1] to [r0, r1], with nice ticks. */
export function linearScale(
  domain: [number, number],
  range: [number, number],
  tickCount = 5,
): Scale {
  let [d0, d1] = domain;
  if (d0 === d1) {
    d0 = d0 === 0 ? -1 : d0 * 0.9;
    d1 = d1 === 0 ? 1 : d1 * 1.1;
  }
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)) as Scale;
  scale.ticks = niceTicks(d0, d1, tickCount);
  scale.domain = [d0, d1];
  return scale;
}

/** Log10 scale for positive values; ticks at 1, 2, 5 × powers of ten inside the domain. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  let [d0, d1] = domain.map((v) => Math.max(v, Number.MIN_VALUE)) as [number, number];
  if (d0 === d1) {
    d0 /= 1.5;
    d1 *= 1.5;
  }
  const [l0, l1] = [Math.log10(d0), Math.log10(d1)];
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((Math.log10(v) - l0) / (l1 - l0)) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
    for (const m of l1 - l0 > 3 ? [1] : [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= d0 * 0.999 && v <= d1 * 1.001) ticks.push(Number(v.toPrecision(12)));
    }
  }
  scale.ticks = ticks.length > 0 ? ticks : [d0, d1];
  scale.domain = [d0, d1];
  return scale;
}
