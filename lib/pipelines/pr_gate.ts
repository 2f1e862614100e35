/**
 * The PR gate as one function: two environments that differ only in DataSON (the pull request's
 * base and head, as checkouts or requirement strings), measured interleaved in one run with the
 * `pr` profile, then compared paired by round with the gate on DataSON's cells. Everything else in
 * the environments (Python, the competitors, numpy, pandas) is the default environment's, so a
 * control target such as pickle should not move: when it does, the machine was noisy.
 */

import { isAbsolute, resolve } from "node:path";
import { displayPath } from "../_common/display_path.ts";
import type { DurationEstimate } from "../bench/estimate_duration.ts";
import {
  estimateRun,
  type PreparedRun,
  prepareRun,
  type ResolvedRunOptions,
  resolveRunOptions,
} from "../bench/run_benchmark.ts";
import { compareWithinRun } from "../regression/compare_within_run.ts";
import { saveComparison } from "../regression/save_comparison.ts";
import { resolveCompareOptions } from "../regression/resolve_compare_options.ts";
import type { CompareResult } from "../regression/types.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { listMeasuredRuns } from "../results/store.ts";
import { ensureDatasets } from "./ensure_datasets.ts";
import { attributePythonLevel } from "./attribute_python_level.ts";
import { isAttributed } from "../regression/build_comparison.ts";
import { loadRunProfiles, type ProfileLookup, profilesDir } from "../results/profile_store.ts";
import { measureAndStore, type StoredRun } from "./measure_and_store.ts";
import { deadlineOf, type MeasureHooks } from "./run.ts";
import { InterruptedError, UsageError } from "../_common/errors.ts";
import { isLocalRequirement } from "../config/load_config.ts";
import type { Config, FailOn, LoadedConfig, Pairing } from "../config/types.ts";
import { canonicalJson } from "../_common/canonical_json.ts";
import { sha256Hex } from "../_common/sha256.ts";

export const BASE_ENVIRONMENT = "base";
export const HEAD_ENVIRONMENT = "head";
export const PR_SUITE = "pr";

/** A `--base`/`--head` value: a local DataSON checkout (path) or a requirement string. */
export async function resolveDatasonSpec(
  value: string,
  flag: string,
  cwd: string,
): Promise<string> {
  const trimmed = value.trim();
  if (trimmed === "") {
    throw new UsageError(`${flag} is empty`, {
      hint: `${flag} ../datason or ${flag} datason==0.13.0`,
    });
  }
  const path = isAbsolute(trimmed) ? trimmed : resolve(cwd, trimmed);
  const isDir = await Deno.stat(path).then((s) => s.isDirectory, () => false);
  if (isDir || isLocalRequirement(trimmed)) {
    if (!isDir) {
      throw new UsageError(`${flag} ${value}: no such folder`, {
        hint: "pass a DataSON checkout folder, or a requirement such as datason==0.13.0",
      });
    }
    return path;
  }
  if (!/^datason(\s*(\[[^\]]*\])?\s*([=<>!~]=?|@).*)?$/i.test(trimmed)) {
    throw new UsageError(`${flag} "${value}" is neither a folder nor a DataSON requirement`, {
      hint: "pass a DataSON checkout folder, or a requirement such as datason==0.13.0",
    });
  }
  return trimmed;
}

const DATASON_REQUIREMENT = /^datason(\s*\[[^\]]*\])?\s*([=<>!~]=?|@|$)/i;

/** The environment's requirements with the DataSON pin replaced by `spec`. */
export function withDatason(requirements: readonly string[], spec: string): string[] {
  const others = requirements.filter((r) => !DATASON_REQUIREMENT.test(r.trim()));
  return [spec, ...others];
}

/**
 * The config the gate runs with: environments `base` and `head` made from the default environment
 * with DataSON replaced, and a suite `pr` over them (targets, scenarios and operations from the
 * config's `pr` section, or the flags).
 */
export function prGateConfig(
  loaded: LoadedConfig,
  /** The DataSON of each side; null keeps the default environment's requirements as they are. */
  base: string | null,
  head: string | null,
  overrides: { targets?: string[]; scenarios?: string[] } = {},
): LoadedConfig {
  const config = loaded.config;
  const template = config.environments.default;
  if (template === undefined) {
    throw new UsageError(
      "the PR gate builds its environments from environments.default, which is missing",
      {
        hint: 'declare "default" under "environments" in the config',
      },
    );
  }
  const pr = config.pr;
  const next: Config = {
    ...config,
    environments: {
      ...config.environments,
      [BASE_ENVIRONMENT]: {
        python: template.python,
        requirements: base === null
          ? [...template.requirements]
          : withDatason(template.requirements, base),
      },
      [HEAD_ENVIRONMENT]: {
        python: template.python,
        requirements: head === null
          ? [...template.requirements]
          : withDatason(template.requirements, head),
      },
    },
    suites: {
      ...config.suites,
      [PR_SUITE]: {
        description: "PR gate: DataSON at the pull request's base and head",
        environments: [BASE_ENVIRONMENT, HEAD_ENVIRONMENT],
        targets: overrides.targets ?? pr.targets,
        scenarios: (overrides.scenarios ?? pr.scenarios) as Config["suites"][string]["scenarios"],
        operations: pr.operations,
        // The gate compares DataSON with itself on the records it is built for.
        tiers: ["typed"],
      },
    },
  };
  return {
    ...loaded,
    config: next,
    hash: sha256Hex(
      canonicalJson({
        base: loaded.hash,
        pr: next.suites[PR_SUITE],
        base_env: next.environments[BASE_ENVIRONMENT],
        head_env: next.environments[HEAD_ENVIRONMENT],
      }),
    ),
  };
}

export interface PrGateOptions {
  /** `--base` / `--head`: a DataSON checkout folder or a requirement such as datason==0.13.0. */
  base: string;
  head: string;
  /** @default config pr.profile */
  profile?: string;
  /** @default config pr.targets */
  targets?: string[];
  /** @default config pr.scenarios */
  scenarios?: string[];
  /** What to measure (`--measures`). @default the profile's measures */
  measures?: string[];
  /** How base and head are timed against each other (`--pairing`). @default the profile's */
  pairing?: Pairing;
  /** Lowest gating severity that fails the gate. @default config compare.failOn */
  failOn?: FailOn;
  /** Results folder for the run's RunRecord. @default config results.dir */
  outDir?: string;
}

export interface PlannedPrGate {
  /** The config the gate runs with (environments `base` and `head`, suite `pr`). */
  loaded: LoadedConfig;
  /** The resolved `--base` and `--head` (absolute folders or requirement strings). */
  base: string;
  head: string;
  options: ResolvedRunOptions;
  prepared: PreparedRun;
  estimate: DurationEstimate;
  outDir: string;
  /** Stored runs of the results folder, newest first: the estimate's timings. */
  history: MeasuredRunRecord[];
}

/** Resolves `--base`/`--head`, builds the gate's config and plans its run (nothing is started). */
export async function planPrGate(
  loaded: LoadedConfig,
  options: PrGateOptions,
  cwd: string,
): Promise<PlannedPrGate> {
  const base = await resolveDatasonSpec(options.base, "--base", cwd);
  const head = await resolveDatasonSpec(options.head, "--head", cwd);
  const gate = prGateConfig(loaded, base, head, {
    targets: options.targets,
    scenarios: options.scenarios,
  });
  const runOptions = resolveRunOptions(gate, {
    suites: [PR_SUITE],
    profile: options.profile ?? gate.config.pr.profile,
    measures: options.measures,
  });
  if (options.pairing !== undefined) runOptions.pairing = options.pairing;
  const outDir = options.outDir ?? gate.config.results.dir;
  const history = await listMeasuredRuns(outDir);
  const prepared = await prepareRun(gate, runOptions);
  const estimate = estimateRun(prepared, history);
  return { loaded: gate, base, head, options: runOptions, prepared, estimate, outDir, history };
}

/** `maxMinutes`: the gate judges what finished. */
export interface PrGateHooks extends MeasureHooks {
  /** Called with the final plan and its estimate, just before measuring. */
  onMeasure?: (prepared: PreparedRun, estimate: DurationEstimate) => void;
  /** Called before each process of the Python-level pass (flagged cells only). */
  onPythonPass?: (environment: string, scenario: string, cells: number) => void;
}

export interface PrGateResult {
  stored: StoredRun;
  comparison: CompareResult;
  /** Seconds spent measuring. */
  seconds: number;
  /** The Python-level pass over the cells flagged on instructions (none: `cells` 0). */
  python: { cells: number; processes: number; bytes: number; seconds: number };
  /** Where the comparison is stored (`<out>/comparisons/…`, where `report` finds it). */
  comparisonPath: string;
}

/**
 * The gate: generates missing datasets, measures base and head interleaved, stores the record and
 * compares head with base paired by round (`compareWithinRun`, axis environment). Rows flagged on
 * instructions get their function-level diff: from the instruction profiles the count kept, and,
 * for the gated ones, from a Python-level pass in both environments (`attributePythonLevel`).
 */
export async function runPrGate(
  planned: PlannedPrGate,
  failOn: FailOn | undefined,
  hooks: PrGateHooks,
): Promise<PrGateResult> {
  const { loaded, options, outDir } = planned;
  await ensureDatasets(loaded, options.scenarios, hooks.log, hooks.signal);
  // The datasets may have just been made: plan again so the schedule reads their manifest.
  const prepared = await prepareRun(loaded, options);
  const estimate = estimateRun(prepared, planned.history);
  hooks.onMeasure?.(prepared, estimate);
  const started = Date.now();
  const stored = await measureAndStore(loaded, prepared, {
    cwd: hooks.cwd,
    env: hooks.env,
    log: hooks.log,
    outDir,
  }, {
    command: "pr",
    signal: hooks.signal,
    deadline: deadlineOf(hooks.maxMinutes),
    onEvent: hooks.onEvent,
    estimate: { before: estimate, history: planned.history },
  });
  const seconds = (Date.now() - started) / 1000;
  const compare = (profiles?: ProfileLookup) =>
    compareWithinRun(
      stored.record,
      { axis: "environment", a: BASE_ENVIRONMENT, b: HEAD_ENVIRONMENT },
      resolveCompareOptions({ failOn }, loaded.config.compare),
      displayPath(stored.path!, hooks.cwd),
      profiles,
    );
  let comparison = compare();
  if (!comparison.rows.some(isAttributed)) {
    return {
      stored,
      comparison,
      seconds,
      python: { cells: 0, processes: 0, bytes: 0, seconds: 0 },
      comparisonPath: await saveComparison(outDir, comparison),
    };
  }
  // Flagged on instructions: where the change went, from the C-level profiles the count kept…
  comparison = compare(await loadRunProfiles([stored], [outDir]));
  // …and, for the gated cells among them, from a Python-level pass on both sides.
  const pythonStarted = Date.now();
  const pass = await attributePythonLevel(comparison, stored.run.measured, {
    profilesDir: profilesDir(outDir),
    layout: prepared.layouts[0] ?? null,
    signal: hooks.signal,
    onStart: hooks.onPythonPass,
  });
  if (hooks.signal?.aborted) {
    const record = displayPath(stored.path!, hooks.cwd);
    throw new InterruptedError(
      `pr interrupted during the Python-level pass; the measured run is stored in ${record}`,
      {
        hint:
          `compare it again (the C-level lists included) with: datason-bench compare ${record} ` +
          `--a ${BASE_ENVIRONMENT} --b ${HEAD_ENVIRONMENT}`,
      },
    );
  }
  return {
    stored,
    comparison: pass.comparison,
    comparisonPath: await saveComparison(outDir, pass.comparison),
    seconds,
    python: {
      cells: pass.cells,
      processes: pass.processes,
      bytes: pass.bytes,
      seconds: (Date.now() - pythonStarted) / 1000,
    },
  };
}
