/** The shape of a two-condition comparison: unpaired samples, or n pairs. */
export type Design =
  | { paired: false; n1: number; n2: number }
  | { paired: true; n: number };

/** Significance level and power for planning. */
export interface PowerOptions {
  /** Two-sided significance level α′ the comparison must reach. */
  alpha: number;
  /** Probability of detecting an effect of the MDE's size. */
  power: number;
}
