/** The table `datason-bench setup` prints: one line per environment. */

import { displayPath } from "../_common/display_path.ts";
import { textTable } from "../_common/text_table.ts";
import { terminalCell, terminalText } from "./control_characters.ts";

/** An environment's outcome (`EnvironmentOutcome` of lib/bench/environments/types.ts). */
export type SetupOutcomeView =
  | { name: string; status: "failed"; seconds: number; error: { summary: string } }
  | {
    name: string;
    status: "reused" | "built" | "base-interpreter";
    seconds: number;
    environment: {
      implementation: string;
      pythonVersion: string;
      python: string;
      freeze: Record<string, string>;
    };
  };

export function renderSetup(
  outcomes: readonly SetupOutcomeView[],
  cwd: string,
  totalSeconds: number,
): string {
  const rows = outcomes.map((o) => {
    if (o.status === "failed") {
      return [o.name, "FAILED", "-", "-", o.seconds.toFixed(2), terminalCell(o.error.summary)];
    }
    const env = o.environment;
    const datason = Object.entries(env.freeze).find(([n]) => n.toLowerCase() === "datason");
    return [
      o.name,
      o.status,
      `${env.implementation} ${env.pythonVersion}`,
      datason ? datason[1] : "-",
      o.seconds.toFixed(2),
      `${displayPath(env.python, cwd)} (${Object.keys(env.freeze).length} distributions)`,
    ];
  });
  const header = ["environment", "status", "python", "datason", "seconds", "interpreter"];
  const failed = outcomes.filter((o) => o.status === "failed").length;
  return terminalText([
    ...textTable([header, ...rows]),
    "",
    `${outcomes.length - failed} of ${outcomes.length} environment(s) ready in ${
      totalSeconds.toFixed(1)
    } s`,
    "",
  ].join("\n"));
}
