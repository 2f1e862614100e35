/** What `datason-bench check` prints: the config's state and every stored result file's. */

import { terminalText } from "./control_characters.ts";
import { displayPath } from "../_common/display_path.ts";
import type { LoadedConfig } from "../config/types.ts";
import type { StoreListing } from "../results/store.ts";

interface ProblemView {
  message: string;
  hint?: string;
}

/** What `checkProject()` (lib/pipelines/check_project.ts) found. */
export interface CheckView {
  loaded: LoadedConfig | null;
  configError: ProblemView | null;
  resultsExists: boolean;
  resultsError: ProblemView | null;
  listing: StoreListing | null;
  ok: boolean;
}

/** The `datason-bench/check@1` document; `configPath` is the --config given, if any. */
export function checkDocument(check: CheckView, configPath: string | null) {
  const { loaded, configError, resultsError, listing } = check;
  return {
    schema: "datason-bench/check@1",
    ok: check.ok,
    config: {
      path: loaded?.path ?? configPath,
      ok: configError === null,
      hash: loaded?.hash ?? null,
      error: configError?.message ?? null,
    },
    ...(resultsError === null ? {} : { resultsError: resultsError.message }),
    results: listing === null ? null : {
      dir: listing.dir,
      exists: check.resultsExists,
      runs: listing.records.length,
      problems: listing.problems.length,
      files: [
        ...listing.records.map((r) => ({
          path: r.path,
          status: "ok",
          runId: r.record.runId,
          source: r.record.source,
          startedAt: r.record.startedAt,
        })),
        ...listing.problems.map((p) => ({ path: p.path, status: p.kind, reason: p.reason })),
      ],
    },
  };
}

export function renderCheck(check: CheckView, cwd: string): string {
  const { loaded, configError, resultsError, listing } = check;
  const lines: string[] = [];
  if (configError) {
    lines.push(`config: INVALID`, `  ${configError.message.replaceAll("\n", "\n  ")}`);
    if (configError.hint) lines.push(`  hint: ${configError.hint}`);
  } else {
    const c = loaded!.config;
    lines.push(
      `config: ok  ${loaded!.path ?? "(embedded defaults)"}`,
      `  hash ${loaded!.hash.slice(0, 12)}, profile ${c.profile}, ` +
        `${Object.keys(c.environments).length} environment(s), ${
          Object.keys(c.suites).length
        } suite(s), ` +
        `${c.targets.length} custom target(s)`,
    );
  }
  if (resultsError !== null) {
    lines.push(`results: PROBLEM  ${resultsError.message}`);
    if (resultsError.hint) lines.push(`  hint: ${resultsError.hint}`);
  } else if (listing === null) {
    lines.push("results: not checked (the config did not load; pass --results DIR)");
  } else if (!check.resultsExists) {
    lines.push(
      `results: ok  ${displayPath(listing.dir, cwd)} does not exist yet: no runs stored`,
    );
  } else {
    const where = displayPath(listing.dir, cwd);
    lines.push(
      `results: ${listing.problems.length === 0 ? "ok" : "PROBLEMS"}  ${where}: ` +
        `${listing.records.length} run(s) readable, ${listing.problems.length} problem(s)`,
    );
    for (const p of listing.problems) {
      lines.push(`  ${p.kind.padEnd(16)} ${displayPath(p.path, cwd)}: ${p.reason}`);
    }
  }
  return terminalText(`${lines.join("\n")}\n`);
}
