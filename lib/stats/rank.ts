/** Ranks of a sample with ties given their average rank ("midranks"). */
export interface Ranking {
  /** 1-based ranks in the order of the input. */
  ranks: number[];
  /** Size of every group of tied values (only groups of 2 or more). */
  ties: number[];
}

export function rank(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const midrank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = midrank;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** Σ (t³ − t) over tie groups: the tie correction term of rank-test variances. */
export function tieSum(ties: readonly number[]): number {
  return ties.reduce((sum, t) => sum + t * t * t - t, 0);
}
