import type { DataTier, Operation, ScenarioName } from "../_common/vocabulary.ts";

/** One measured cell of one suite: what a run is asked to measure. */
export interface RunUnit {
  suite: string;
  environment: string;
  scenario: ScenarioName;
  /** Journals written before the JSON tier have no tier: typed. */
  tier: DataTier;
  target: string;
  operation: Operation;
}
