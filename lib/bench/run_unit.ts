import type { ScenarioName } from "../_common/vocabulary.ts";
import type { Operation } from "../_common/vocabulary.ts";

/** One measured cell of one suite: what a run is asked to measure. */
export interface RunUnit {
  suite: string;
  environment: string;
  scenario: ScenarioName;
  target: string;
  operation: Operation;
}
