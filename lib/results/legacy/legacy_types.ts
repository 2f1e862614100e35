/** Shared types of the converters of the predecessor's (danielendler/datason-benchmarks) files. */

import type { EnvironmentInfo, LegacyCell, LegacyRunRecord } from "../run_record.ts";

/** Predecessor schema letters, as in `legacy-samples/README.md`. */
export type LegacyFormat = "A" | "B" | "C" | "D" | "E" | "G" | "I";

export interface LegacyFormatInfo {
  /** The predecessor's `suite_type`. */
  suiteType: string;
  /** Suite name of the imported cells (legacy suites form their own series). */
  suite: string;
  description: string;
}

export const LEGACY_FORMATS: Readonly<Record<LegacyFormat, LegacyFormatInfo>> = {
  A: {
    suiteType: "api_modes",
    suite: "legacy-api_modes",
    description: "daily API modes + competitors (improved_v1)",
  },
  B: {
    suiteType: "enhanced_competitive",
    suite: "legacy-enhanced_competitive",
    description: "competitors by capability tier",
  },
  C: { suiteType: "competitive", suite: "legacy-competitive", description: "flat competitive" },
  D: { suiteType: "quick", suite: "legacy-quick", description: "flat quick competitive" },
  E: {
    suiteType: "configurations",
    suite: "legacy-configurations",
    description: "DataSON configurations",
  },
  G: {
    suiteType: "versioning",
    suite: "legacy-versioning",
    description: "DataSON versions × configurations",
  },
  I: {
    suiteType: "pr_optimized_tiered",
    suite: "legacy-pr_optimized_tiered",
    description: "PR baseline by API tier",
  },
};

/** What a schema converter extracts from one file, before the record is assembled. */
export interface LegacyConversion {
  format: LegacyFormat;
  /** Timestamp from the file's metadata (UTC ISO), null when it has none. */
  startedAt: string | null;
  /** Run duration when the file says (`execution_time`). */
  durationSeconds: number | null;
  datasonVersion: string | null;
  pythonVersion: string | null;
  /** The predecessor's framework label (`benchmark_framework`, `enhancement`), if any. */
  toolVersion: string | null;
  git: LegacyRunRecord["git"];
  environments: Record<string, EnvironmentInfo>;
  cells: LegacyCell[];
}

/** Environment name of every cell except the per-version environments of schema G. */
export const LEGACY_ENVIRONMENT = "legacy";
