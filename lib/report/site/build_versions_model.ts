/**
 * DataSON's versions on each scenario (the `versions` suite: the default target in one environment
 * per released version, interleaved per round): each version's times and the change against the
 * previous version (point estimate of the medians), output bytes, peak memory and fidelity.
 */

import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../results/run_record.ts";
import { formatBytes, formatChange, formatNs } from "../../_common/format.ts";
import { cellTime, outputBytesOf } from "./cell_values.ts";
import { largerPeak } from "./build_configurations_model.ts";
import { compareVersions } from "./compare_versions.ts";
import { displayStatus, errorText, foldFidelity } from "./fold_fidelity.ts";
import { orderScenarios } from "./scenario_order.ts";
import type { VersionRow, VersionScenario } from "./types.ts";

function datasonVersion(record: MeasuredRunRecord, environment: string): string | null {
  const env = ownValue(record.environments, environment);
  return env?.libraries.datason?.version ?? env?.freeze.datason ?? null;
}

export function buildVersionsModel(
  record: MeasuredRunRecord,
  suite = "versions",
): VersionScenario[] {
  const cells = record.cells.filter((c) => c.suite === suite);
  const environments = [...new Set(cells.map((c) => c.environment))].sort((a, b) =>
    compareVersions(datasonVersion(record, a), datasonVersion(record, b)) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
  return orderScenarios(cells.map((c) => c.scenario)).map((scenario) => {
    const find = (environment: string, operation: string) =>
      cells.find((c) =>
        c.scenario === scenario && c.environment === environment && c.operation === operation
      );
    const present = environments.filter((e) => find(e, "serialize") || find(e, "deserialize"));
    let previous: { version: string; serialize: number | null; deserialize: number | null } | null =
      null;
    const fastest: Record<"serialize" | "deserialize", { version: string; ns: number } | null> = {
      serialize: null,
      deserialize: null,
    };
    const rows: VersionRow[] = present.map((environment) => {
      const serialize = find(environment, "serialize");
      const deserialize = find(environment, "deserialize");
      const s = cellTime(serialize)?.median ?? null;
      const d = cellTime(deserialize)?.median ?? null;
      const version = datasonVersion(record, environment) ?? "unknown";
      const change = (now: number | null, before: number | null | undefined) =>
        previous === null
          ? "first"
          : now !== null && before !== null && before !== undefined
          ? formatChange(now / before - 1)
          : "—";
      for (const [operation, ns] of [["serialize", s], ["deserialize", d]] as const) {
        if (ns !== null && (fastest[operation] === null || ns < fastest[operation]!.ns)) {
          fastest[operation] = { version, ns };
        }
      }
      const failures = [serialize, deserialize].filter((c): c is MeasuredCell =>
        c !== undefined && cellTime(c) === null
      ).map((c) => `${c.operation} ${displayStatus(c)}: ${errorText(c)}`);
      const row: VersionRow = {
        environment,
        version,
        serialize: s === null
          ? (serialize ? displayStatus(serialize) : "not measured")
          : formatNs(s),
        serializeChange: change(s, previous?.serialize),
        deserialize: d === null
          ? (deserialize ? displayStatus(deserialize) : "not measured")
          : formatNs(d),
        deserializeChange: change(d, previous?.deserialize),
        outputBytes: formatBytes(outputBytesOf(serialize, deserialize)),
        peakTraced: formatBytes(largerPeak(serialize, deserialize)),
        fidelity: foldFidelity(serialize, deserialize)!,
        failure: failures.join("; "),
      };
      // The next version is compared with the last one that was measured.
      if (s !== null || d !== null) previous = { version, serialize: s, deserialize: d };
      return row;
    });
    const summary = fastest.serialize === null && fastest.deserialize === null
      ? "No version completed an operation on this scenario."
      : fastest.serialize?.version === fastest.deserialize?.version
      ? `Fastest: ${fastest.serialize!.version} (both operations).`
      : `Fastest serialize: ${fastest.serialize?.version ?? "none"}; fastest deserialize: ${
        fastest.deserialize?.version ?? "none"
      }.`;
    return { scenario, rows, summary };
  });
}
