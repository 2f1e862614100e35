/**
 * The footer: the fingerprint of the newest measured run — what it ran on (machine), with what
 * (Python and library versions per environment), on which data (dataset hashes), how (profile and
 * measurement settings) and by which tool — plus the other runs the page draws from.
 */

import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredRunRecord } from "../../results/run_record.ts";
import { formatBytes, formatCount } from "../../_common/format.ts";
import { formatTimestamp, runRef } from "./run_ref.ts";
import { orderScenarios } from "./scenario_order.ts";
import type { FingerprintSection, KeyValue } from "./types.ts";

export function buildFingerprintModel(
  record: MeasuredRunRecord,
  others: readonly { suite: string; record: MeasuredRunRecord }[] = [],
): FingerprintSection {
  const m = record.config.measure;
  const git = record.git;
  const items: KeyValue[] = [
    { label: "run", value: record.runId },
    {
      label: "started / finished",
      value: `${formatTimestamp(record.startedAt)} / ${formatTimestamp(record.finishedAt)}${
        record.complete ? "" : " (stopped early)"
      }`,
    },
    { label: "suites", value: record.config.suites.join(", ") },
    {
      label: "profile",
      value: `${record.config.profile}: ${m.processes} processes × ${m.values} values, ` +
        `${m.warmups} warm-up, ≥ ${m.minValueSeconds} s per value, timeout ${m.timeoutSeconds} s`,
    },
    {
      label: "tool",
      value: `${record.tool.name} ${record.tool.version}${
        record.tool.deno ? ` (Deno ${record.tool.deno})` : ""
      }`,
    },
    { label: "config hash", value: record.config.hash },
  ];
  if (git !== null && (git.commit !== null || git.branch !== null)) {
    items.push({
      label: "git",
      value: `${git.branch ?? "detached"} @ ${git.commit?.slice(0, 12) ?? "unknown"}${
        git.dirty ? " (uncommitted changes)" : ""
      }`,
    });
  }
  if (record.shard !== null) {
    items.push({ label: "shard", value: `${record.shard.index + 1} of ${record.shard.count}` });
  }
  const machine: KeyValue[] = [];
  if (record.machine !== null) {
    const mc = record.machine;
    machine.push(
      { label: "OS", value: `${mc.os} (${mc.arch})` },
      { label: "CPU", value: mc.cpuModel ?? "unknown" },
      {
        label: "logical CPUs",
        value: mc.logicalCpus === null ? "unknown" : String(mc.logicalCpus),
      },
      { label: "memory", value: formatBytes(mc.memoryBytes) },
    );
    if (mc.runnerImage) machine.push({ label: "runner image", value: mc.runnerImage });
  }
  const environments = Object.keys(record.environments).sort();
  const libraryNames = [
    ...new Set(environments.flatMap((e) => Object.keys(record.environments[e].libraries))),
  ].sort((a, b) => (a === "datason" ? -1 : b === "datason" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const datasets = orderScenarios(Object.keys(record.datasets)).map((scenario) => {
    const d = record.datasets[scenario];
    return {
      scenario,
      sha256: d.sha256,
      records: formatCount(d.records),
      bytes: formatBytes(d.bytes),
      seed: `${d.seed} (generator ${d.generatorVersion})`,
    };
  });
  const otherRuns = others.filter((o) => o.record.runId !== record.runId).map((
    { suite, record: o },
  ) =>
    `${suite}: run ${o.runId.slice(0, 12)} (${
      formatTimestamp(o.startedAt)
    }, profile ${o.config.profile})`
  );
  return {
    run: runRef(record),
    items,
    machine,
    environments,
    python: environments.map((e) =>
      `${record.environments[e].python} (${record.environments[e].implementation})`
    ),
    libraries: libraryNames.map((name) => ({
      name,
      versions: environments.map((e) => {
        const env = record.environments[e];
        return ownValue(env.libraries, name)?.version ?? ownValue(env.freeze, name) ?? "—";
      }),
    })),
    datasets,
    otherRuns,
  };
}
