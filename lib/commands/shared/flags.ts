/**
 * Flag groups that several commands share (asv's `common_args`): each is the flag's spec, with the
 * command's own description, and the one parser of its value, so a flag means and checks the same
 * everywhere.
 */

import { FAIL_ON_LEVELS, type FailOn } from "../../config/types.ts";
import { listFlag, oneOf, positiveNumber, stringFlag } from "../../cli/flags.ts";
import { type ExportRequest, parseExportFlags } from "../../report/write_exports.ts";

/** `--profile NAME`: run, pr, weekly, calibrate. */
export function profileFlag(description: string) {
  return { profile: stringFlag("NAME", description) };
}

/** `--max-minutes N`: run, pr, weekly. */
export function maxMinutesFlag(description: string) {
  return { "max-minutes": stringFlag("N", description) };
}

/** The time limit in minutes, or null for none. */
export function maxMinutesOf(value: string | undefined): number | null {
  return positiveNumber(value, "max-minutes", "30") ?? null;
}

/** `--fail-on LEVEL`: compare, pr. */
export function failOnFlag(description: string) {
  return { "fail-on": stringFlag("LEVEL", description) };
}

export function failOnOf(value: string | undefined): FailOn | undefined {
  return oneOf(value, "fail-on", FAIL_ON_LEVELS);
}

/** `--export KIND=FILE` (repeatable): run, compare. */
export function exportFlag(valueName: string, description: string) {
  return { export: listFlag(valueName, description) };
}

export function exportsOf(values: string[] | undefined, cwd: string): ExportRequest[] {
  return parseExportFlags(values, cwd);
}

/** `--comment-out FILE`: compare, pr. */
export function commentOutFlag(description: string) {
  return { "comment-out": stringFlag("FILE", description) };
}

/** `--results DIR`: trends, report, check. */
export function resultsFlag(description = "Results folder (default: results.dir of the config)") {
  return { results: stringFlag("DIR", description) };
}

/** The pairings a run with two sides can use (`Profile.pairing`). */
export const PAIRINGS = ["process", "lockstep", "duet"] as const;

/** `--pairing MODE`: pr. */
export function pairingFlag(description: string) {
  return { pairing: stringFlag("MODE", description) };
}

/** `--measures time,instructions`: run, pr, weekly. */
export function measuresFlag(description: string) {
  return { measures: listFlag("A,B", description) };
}
