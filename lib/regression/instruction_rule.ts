/** The rule instruction counts are judged by, from the config's `compare.instructions`. */

import type { Config } from "../config/types.ts";
import type { LayoutRule } from "./layout_ratio.ts";

export function instructionRule(_config: Config): LayoutRule {
  return { notice: 0.005, improvement: 0.005, spreadMultiple: 3 };
}
