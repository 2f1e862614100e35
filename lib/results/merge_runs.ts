/**
 * `mergeRuns()`: joins the shard RunRecords of one run (`run --shard i/n` on several machines) into
 * one RunRecord. Shards must agree on everything that makes their numbers comparable — tool
 * version, config hash, profile, suites, measurement settings, shard count, the dataset of every
 * scenario they share, and every shared environment (Python, implementation, full freeze, imported
 * library versions); no cell may appear twice and no shard index twice. Otherwise a `MergeError`
 * (exit 2) names the field and both values.
 *
 * The merged record: `shard: null`; `startedAt` the earliest and `finishedAt` the latest;
 * `complete` only when every shard is complete and every index 1..count is present; datasets,
 * environments and measure.records united; schedule and cells concatenated in shard order; the
 * machine fingerprint kept where the shards agree and null in the fields where they differ (OS and
 * architecture must agree); `runId` recomputed. It passes `parseRunRecord()`.
 */

import { InputError } from "../_common/errors.ts";
import { canonicalJson } from "../_common/canonical_json.ts";
import { parseRunRecord } from "./parse_run_record.ts";
import { withRunId } from "./run_id.ts";
import {
  cellKey,
  type DatasetInfo,
  type EnvironmentInfo,
  type MachineFingerprint,
  type MeasuredRunRecord,
  type RunRecord,
} from "./run_record.ts";

export interface MergeInput {
  /** Where the record came from (named in errors). */
  path: string;
  record: RunRecord;
}

export interface MergeResult {
  record: MeasuredRunRecord;
  /** Things worth a warning that do not prevent the merge (missing shards, differing machines). */
  warnings: string[];
}

/** Shards that cannot be merged. Exit 2. */
export class MergeError extends InputError {
  /** JSON path of the field that differs (e.g. `config.hash`), or the problem's subject. */
  readonly field: string;
  constructor(field: string, message: string, hint?: string) {
    super(message, {
      hint: hint ?? "merge only the shards of one run (same config, datasets and environments)",
    });
    this.field = field;
  }
}

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function differs(field: string, first: MergeInput, a: unknown, other: MergeInput, b: unknown) {
  return new MergeError(
    field,
    `cannot merge "${other.path}" with "${first.path}": ${field} differs (${
      show(a)
    } in "${first.path}", ${show(b)} in "${other.path}")`,
  );
}

/** Records `value` under `key` in `seen`, or checks it equals what an earlier shard had. */
function checkShared<T>(
  seen: Map<string, { input: MergeInput; value: T }>,
  key: string,
  input: MergeInput,
  value: T,
  compare: (field: string, a: T, b: T, first: MergeInput) => void,
): void {
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, { input, value });
  else compare(key, earlier.value, value, earlier.input);
}

export function mergeRuns(inputs: readonly MergeInput[]): MergeResult {
  if (inputs.length === 0) throw new MergeError("files", "nothing to merge: no shard files given");
  const shards: { input: MergeInput; record: MeasuredRunRecord }[] = [];
  for (const input of inputs) {
    const record = input.record;
    if (record.source !== "datason-bench") {
      throw new MergeError(
        "source",
        `cannot merge "${input.path}": it was imported from the predecessor (source "${record.source}")`,
        "only records made by `datason-bench run --shard i/n` are merged",
      );
    }
    if (record.shard === null) {
      throw new MergeError(
        "shard",
        `cannot merge "${input.path}": it is not a shard (shard is null)`,
        "only records made by `datason-bench run --shard i/n` are merged",
      );
    }
    if (record.shard.index > record.shard.count) {
      throw new MergeError(
        "shard.index",
        `cannot merge "${input.path}": shard.index ${record.shard.index} is above shard.count ${record.shard.count}`,
      );
    }
    shards.push({ input, record });
  }

  const first = shards[0];
  const f = first.record;
  const byIndex = new Map<number, MergeInput>();
  for (const { input, record: r } of shards) {
    const check = (field: string, a: unknown, b: unknown) => {
      if (!same(a, b)) throw differs(field, first.input, a, input, b);
    };
    check("shard.count", f.shard!.count, r.shard!.count);
    const twin = byIndex.get(r.shard!.index);
    if (twin !== undefined) {
      throw new MergeError(
        "shard.index",
        `cannot merge "${input.path}" with "${twin.path}": both are shard ${r.shard!.index}/${
          r.shard!.count
        }`,
        "give each shard once",
      );
    }
    byIndex.set(r.shard!.index, input);
    check("tool.name", f.tool.name, r.tool.name);
    check("tool.version", f.tool.version, r.tool.version);
    check("tool.deno", f.tool.deno, r.tool.deno);
    check("config.hash", f.config.hash, r.config.hash);
    check("config.profile", f.config.profile, r.config.profile);
    check("config.suites", f.config.suites, r.config.suites);
    for (const key of ["processes", "values", "warmups", "minValueSeconds", "timeoutSeconds"]) {
      const k = key as keyof Omit<MeasuredRunRecord["config"]["measure"], "records">;
      check(`config.measure.${key}`, f.config.measure[k], r.config.measure[k]);
    }
    if (f.git?.commit && r.git?.commit) check("git.commit", f.git.commit, r.git.commit);
    if (f.machine && r.machine) {
      check("machine.os", f.machine.os, r.machine.os);
      check("machine.arch", f.machine.arch, r.machine.arch);
    }
  }

  // Values shared by several shards must agree; the merged record holds their union.
  const records = new Map<string, { input: MergeInput; value: number | null }>();
  const datasets = new Map<string, { input: MergeInput; value: DatasetInfo }>();
  const environments = new Map<string, { input: MergeInput; value: EnvironmentInfo }>();
  const cells = new Map<string, MergeInput>();
  const mergedLibraries = new Map<string, EnvironmentInfo["libraries"]>();
  const mergedAdapters = new Map<string, NonNullable<EnvironmentInfo["adapters"]>>();
  for (const { input, record: r } of shards) {
    const fail = (field: string, a: unknown, b: unknown, earlier: MergeInput) => {
      if (!same(a, b)) throw differs(field, earlier, a, input, b);
    };
    for (const [scenario, value] of Object.entries(r.config.measure.records)) {
      checkShared(records, scenario, input, value, (key, a, b, earlier) => {
        fail(`config.measure.records.${key}`, a, b, earlier);
      });
    }
    for (const [scenario, value] of Object.entries(r.datasets)) {
      checkShared(datasets, scenario, input, value, (key, a, b, earlier) => {
        for (const field of ["sha256", "seed", "records", "bytes", "generatorVersion"] as const) {
          fail(`datasets.${key}.${field}`, a[field], b[field], earlier);
        }
        if (a.jsonTier !== undefined && b.jsonTier !== undefined) {
          fail(`datasets.${key}.jsonTier.sha256`, a.jsonTier.sha256, b.jsonTier.sha256, earlier);
        }
      });
      // A shard that measured the JSON tier knows its file; keep that.
      const kept = datasets.get(scenario)!;
      if (kept.value.jsonTier === undefined && value.jsonTier !== undefined) {
        datasets.set(scenario, { ...kept, value: { ...kept.value, jsonTier: value.jsonTier } });
      }
    }
    for (const [name, value] of Object.entries(r.environments)) {
      checkShared(environments, name, input, value, (key, a, b, earlier) => {
        fail(`environments.${key}.python`, a.python, b.python, earlier);
        fail(`environments.${key}.implementation`, a.implementation, b.implementation, earlier);
        const dists = new Set([...Object.keys(a.freeze), ...Object.keys(b.freeze)]);
        for (const dist of [...dists].sort()) {
          fail(`environments.${key}.freeze.${dist}`, a.freeze[dist], b.freeze[dist], earlier);
        }
        for (const [library, info] of Object.entries(b.libraries)) {
          const before = a.libraries[library];
          if (before !== undefined) {
            fail(
              `environments.${key}.libraries.${library}.version`,
              before.version,
              info.version,
              earlier,
            );
          }
        }
      });
      const libraries = mergedLibraries.get(name) ?? {};
      for (const [library, info] of Object.entries(value.libraries)) {
        libraries[library] ??= info;
      }
      mergedLibraries.set(name, libraries);
      if (value.adapters !== undefined) {
        mergedAdapters.set(name, { ...value.adapters, ...mergedAdapters.get(name) });
      }
    }
    for (const cell of r.cells) {
      const key = cellKey(cell);
      const earlier = cells.get(key);
      if (earlier !== undefined) {
        throw new MergeError(
          "cells",
          earlier === input
            ? `cannot merge "${input.path}": cell ${key} appears twice in it`
            : `cannot merge "${input.path}" with "${earlier.path}": cell ${key} appears in both`,
          "each cell must come from exactly one shard: were the shards made with the same --shard count?",
        );
      }
      cells.set(key, input);
    }
  }

  const ordered = [...shards].sort((a, b) => a.record.shard!.index - b.record.shard!.index);
  const count = f.shard!.count;
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(i);
  const warnings: string[] = [];
  if (missing.length > 0) {
    warnings.push(
      `shard(s) ${missing.map((i) => `${i}/${count}`).join(", ")} missing: the merged record is ` +
        "marked incomplete",
    );
  }
  const incompleteShards = ordered.filter((s) => !s.record.complete);
  for (const s of incompleteShards) {
    warnings.push(`"${s.input.path}" (shard ${s.record.shard!.index}/${count}) is incomplete`);
  }
  const machine = mergeMachines(ordered.map((s) => s.record.machine), warnings);
  const time = (iso: string) => Date.parse(iso);
  const startedAt = ordered.map((s) => s.record.startedAt)
    .reduce((a, b) => (time(b) < time(a) ? b : a));
  const finishedAt = ordered.map((s) => s.record.finishedAt)
    .reduce((a, b) => (time(b) > time(a) ? b : a));
  const gits = ordered.map((s) => s.record.git).filter((g) => g !== null);
  const git = gits.length === 0 ? null : {
    ...gits[0],
    dirty: gits.some((g) => g.dirty === true)
      ? true
      : gits.every((g) => g.dirty === false)
      ? false
      : null,
  };

  const merged = withRunId<MeasuredRunRecord>({
    schema: f.schema,
    source: "datason-bench",
    startedAt,
    finishedAt,
    complete: missing.length === 0 && incompleteShards.length === 0,
    tool: f.tool,
    git,
    machine,
    environments: Object.fromEntries(
      [...environments].map(([name, { value }]) => [
        name,
        {
          ...value,
          libraries: mergedLibraries.get(name) ?? value.libraries,
          ...(mergedAdapters.has(name) ? { adapters: sortedKeys(mergedAdapters.get(name)!) } : {}),
        },
      ]),
    ),
    config: {
      ...f.config,
      measure: {
        ...f.config.measure,
        records: Object.fromEntries([...records].map(([k, { value }]) => [k, value])),
      },
    },
    datasets: Object.fromEntries([...datasets].map(([k, { value }]) => [k, value])),
    shard: null,
    schedule: ordered.flatMap((s) => s.record.schedule),
    cells: ordered.flatMap((s) => s.record.cells),
  });
  return { record: parseRunRecord(merged, "(merged record)") as MeasuredRunRecord, warnings };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** Fields where all shards agree are kept; the others become null (os and arch already agree). */
function mergeMachines(
  machines: (MachineFingerprint | null)[],
  warnings: string[],
): MachineFingerprint | null {
  const known = machines.filter((m) => m !== null);
  if (known.length === 0) return null;
  const merged: MachineFingerprint = { ...known[0] };
  const nullable = ["cpuModel", "logicalCpus", "memoryBytes", "hostname", "runnerImage"] as const;
  const differing: string[] = [];
  for (const field of nullable) {
    if (known.some((m) => !same(m[field], known[0][field]))) {
      (merged as unknown as Record<string, unknown>)[field] = null;
      if (field !== "hostname") differing.push(field);
    }
  }
  if (differing.length > 0) {
    warnings.push(
      `the shards ran on different machines (${differing.join(", ")} differ): those fields are ` +
        "null in the merged record, and comparisons against it flag the fingerprint",
    );
  }
  return merged;
}
