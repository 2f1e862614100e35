import type { ScenarioName } from "../config/types.ts";
import type { Operation } from "../results/run_record.ts";

/** One measured cell of one suite: what a run is asked to measure. */
export interface RunUnit {
  suite: string;
  environment: string;
  scenario: ScenarioName;
  target: string;
  operation: Operation;
}
