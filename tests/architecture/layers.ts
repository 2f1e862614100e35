/**
 * Who may import whom: the one written table of the architecture. The architecture test
 * (imports_test.ts) reads every import of every .ts file and fails on an import this table does not
 * allow; README's "Layout" section shows the same table (the test checks that it is the same).
 *
 * A layer may always import its own files and the ground floor (`_common`); `tests` import
 * anything. Assets belong to the layer that loads them: the config schema to `config`, the Eta
 * templates to `report` (those of `init` to `init`).
 */

export interface Layer {
  name: string;
  /** What the layer is, for the README. */
  holds: string;
  /** Repository paths (folders end with `/`) whose files form the layer. */
  paths: string[];
  /** The layers it may import besides itself and `_common`. */
  imports: string[];
  /** Why an import that might look surprising is allowed. */
  note?: string;
}

/** Every layer under the orchestration, which pipelines, commands and scripts may use. */
const BELOW_PIPELINES = [
  "stats",
  "config",
  "generation",
  "results",
  "bench",
  "regression",
  "trends",
  "report",
  "init",
];

export const LAYERS: Layer[] = [
  {
    name: "_common",
    holds: "errors and exit codes, suggestions, JSON and schema helpers, atomic files, hashes, " +
      "PRNG, formatting, text tables, target kinds, vocabulary",
    paths: ["lib/_common/"],
    imports: [],
  },
  {
    name: "stats",
    holds: "summaries, rank tests, Hodges–Lehmann, Holm, MDE, change points",
    paths: ["lib/stats/"],
    imports: [],
  },
  {
    name: "config",
    holds: "config types, defaults, loading and validation",
    paths: ["lib/config/", "datason-bench.schema.json"],
    imports: [],
  },
  {
    name: "generation",
    holds: "datasets: scenarios, typed values, size fitting, JSONL writer, manifest",
    paths: ["lib/generate/", "scenarios/"],
    imports: ["config"],
  },
  {
    name: "results",
    holds: "RunRecord, its builder, store, merge, baselines, legacy import",
    paths: ["lib/results/"],
    imports: ["config", "stats"],
  },
  {
    name: "bench",
    holds: "measurement: the Python runner, protocol, schedule, journal, environments",
    paths: ["lib/bench/"],
    imports: ["config", "stats", "results", "generation"],
  },
  {
    name: "regression",
    holds: "analysis: comparisons, verdicts, the table of measures, calibration analysis",
    paths: ["lib/regression/"],
    imports: ["config", "stats", "results"],
  },
  {
    name: "trends",
    holds: "analysis: series, trend classes, change points, findings",
    paths: ["lib/trends/"],
    imports: ["config", "stats", "results"],
  },
  {
    name: "report",
    holds: "rendering: terminal text, Markdown, HTML, SVG charts, exporters",
    paths: ["lib/report/", "templates/"],
    imports: ["config", "stats", "results", "regression", "trends"],
  },
  {
    name: "init",
    holds: "starter config and workflows for another repository",
    paths: ["lib/init/", "templates/init/"],
    imports: ["config", "report"],
    note: "init renders its starter files with the report layer's Eta instance",
  },
  {
    name: "pipelines",
    holds: "orchestration: measureAndStore, run, the PR gate, weekly, calibrate",
    paths: ["lib/pipelines/"],
    imports: [...BELOW_PIPELINES],
  },
  {
    name: "cli",
    holds: "dispatch, typed flags, help, Io, logger, progress",
    paths: ["lib/cli/"],
    imports: ["config", "report"],
    note: "its logger, error messages and JSON output go through report's control-character filter",
  },
  {
    name: "commands",
    holds: "one adapter per subcommand, shared flag groups; no command imports another",
    paths: ["lib/commands/"],
    imports: ["cli", "pipelines", ...BELOW_PIPELINES],
  },
  {
    name: "main",
    holds: "the entry point; the only Deno.exit",
    paths: ["main.ts"],
    imports: ["cli", "commands"],
  },
  {
    name: "scripts",
    holds: "benchmarks of the tool itself and release helpers",
    paths: ["scripts/"],
    imports: [...BELOW_PIPELINES, "pipelines", "cli", "commands"],
  },
  {
    name: "tests",
    holds: "tests, fixtures and helpers",
    paths: ["tests/"],
    imports: ["*"],
  },
];

/** The layer of a repository path, or null for a file outside every layer. */
export function layerOf(path: string): Layer | null {
  let best: Layer | null = null;
  let length = -1;
  for (const layer of LAYERS) {
    for (const prefix of layer.paths) {
      const match = prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix;
      if (match && prefix.length > length) {
        best = layer;
        length = prefix.length;
      }
    }
  }
  return best;
}

/** Whether a file of layer `from` may import a file of layer `to`. */
export function allowed(from: Layer, to: Layer): boolean {
  return from === to || to.name === "_common" || from.imports.includes("*") ||
    from.imports.includes(to.name);
}

/** The table as README's layout section shows it. */
export function layersMarkdown(): string {
  const rows = LAYERS.map((l) => {
    const imports = l.imports.includes("*")
      ? "anything"
      : ["_common", ...l.imports].filter((n) => n !== l.name).map((n) => `\`${n}\``).join(", ");
    const paths = l.paths.map((p) => `\`${p}\``).join(", ");
    return `| \`${l.name}\` | ${paths} | ${l.holds} | ${
      l.name === "_common" ? "nothing in lib" : imports
    }${l.note ? ` (${l.note})` : ""} |`;
  });
  return [
    "| layer | files | holds | may import |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
