/**
 * Shows a measuring run on stderr: a progress bar on a terminal, one line per process otherwise,
 * a line per Valgrind process, and a warning for every cell that timed out or crashed (or could
 * not be counted). Used by `run`, `weekly` and `pr`.
 */

import type { ScheduleEvent } from "../../bench/run_schedule.ts";
import type { Io } from "../../cli/io.ts";
import type { Logger } from "../../_common/logger.ts";
import { createProgress, type Progress } from "../../cli/progress.ts";
import { tieredScenario } from "../../_common/vocabulary.ts";

export interface ScheduleEventLog {
  onEvent(event: ScheduleEvent): void;
  /** Clears the progress bar. */
  done(): void;
}

export function scheduleEventLog(
  io: Io,
  log: Logger,
  options: { totalCells: number; quiet: boolean; showEnvironment: boolean },
): ScheduleEventLog {
  let progress: Progress | null = null;
  return {
    onEvent(event) {
      switch (event.kind) {
        case "environment":
          log.debug(
            `environment ${event.environment}: ${event.hello.implementation} ${event.hello.python}`,
          );
          break;
        case "process":
          progress ??= createProgress(io, {
            total: options.totalCells,
            label: "run",
            quiet: options.quiet,
          });
          if (!io.stderrIsTty) {
            log.info(
              `[${event.index}/${event.total}] round ${event.round + 1}/${event.rounds} ${
                tieredScenario(event.scenario, event.tier)
              }` +
                (options.showEnvironment ? ` in ${event.environment}` : ""),
            );
          }
          break;
        case "count-start":
          log.info(
            `[instructions ${event.index}/${event.total}] ${
              tieredScenario(event.scenario, event.tier)
            }` +
              (options.showEnvironment ? ` in ${event.environment}` : "") +
              ` under Valgrind, layout ${event.layout + 1}`,
          );
          break;
        case "self-check":
          log.debug(
            `${tieredScenario(event.scenario, event.tier)} layout ${
              event.layout + 1
            }: region self-check ratio ${event.check.ratio.toFixed(4)}, spin ${
              event.check.spinIrPerIteration.toFixed(1)
            } instructions per iteration`,
          );
          break;
        case "count":
          if (event.outcome.status !== "ok") {
            log.warn(
              `${
                tieredScenario(event.scenario, event.tier)
              } ${event.outcome.target}/${event.outcome.operation} ` +
                `(instructions): ${event.outcome.status} — ${event.outcome.error.message}`,
            );
          }
          break;
        case "cell": {
          const scenario = tieredScenario(event.scenario, event.tier);
          progress?.tick(1, `${scenario} ${event.outcome.target}/${event.outcome.operation}`);
          if (event.outcome.status === "timeout" || event.outcome.status === "crashed") {
            log.warn(
              `${scenario} ${event.outcome.target}/${event.outcome.operation}: ` +
                `${event.outcome.status} — ${event.outcome.error.message}; ` +
                "a fresh process takes the remaining cells",
            );
          }
          break;
        }
      }
    },
    done() {
      progress?.done();
    },
  };
}
