/**
 * Reads an installer's output (pip or uv) after a failed install and names the configured
 * requirements that caused it. Recognised messages:
 *
 * - pip: "No matching distribution found for X", "Could not find a version that satisfies the
 *   requirement X", "Cannot install X, Y and Z because these package versions have conflicting
 *   dependencies", "The user requested X", "Failed building wheel for X", "Could not build wheels
 *   for X", "Invalid requirement: 'X'", "Directory 'X' is not installable", "File 'X' does not
 *   exist", and a build that failed right after "Processing X" / "Collecting X";
 * - uv: "Because X was not found in the package registry", "Because there is no version of X",
 *   "Because you require X and Y", "`X` does not appear to be a Python project", "Failed to build
 *   `X`", "Failed to download and build `X`", "Failed to download `X`".
 *
 * A failing dependency (not itself configured) is traced to the configured requirement that pulled
 * it in through pip's "Collecting dep (from parent)" lines. Returns the configured requirements in
 * config order; empty when the output names none of them (the caller then tries them one at a
 * time).
 */

import { resolve } from "node:path";
import { isLocalRequirement } from "../../config/load_config.ts";

/** PEP 503 normalised distribution name of a requirement like `Foo_Bar[x]>=1; python_version…`. */
export function requirementName(requirement: string): string | null {
  if (isLocalRequirement(requirement)) return null;
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement);
  return match ? normalizeName(match[1]) : null;
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function normalizePath(path: string, cwd: string): string {
  const withoutScheme = path.replace(/^file:\/\//, "");
  return resolve(cwd, withoutScheme).replace(/[\\/]+$/, "");
}

/** Tokens (specs, names or paths) that the output blames, in order of appearance. */
function blamedTokens(output: string): string[] {
  const tokens: string[] = [];
  const lines = output.split(/\r?\n/);
  const add = (token: string | undefined) => {
    if (token !== undefined && token.trim() !== "") tokens.push(token.trim());
  };
  let lastStarted: string | undefined;
  let startedBlamed = false;
  for (const raw of lines) {
    const line = raw.trim();
    const started = /^(?:Processing|Collecting)\s+(\S+)/.exec(line);
    if (started) {
      lastStarted = started[1];
      startedBlamed = false;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /No matching distribution found for (\S+)/.exec(line))) add(m[1]);
    else if ((m = /Could not find a version that satisfies the requirement (\S+)/.exec(line))) {
      add(m[1]);
    } else if (
      (m = /Cannot install (.+?) because these package versions have conflict/.exec(line))
    ) {
      for (const part of m[1].split(/,\s*|\s+and\s+/)) add(part);
    } else if ((m = /The user requested (\S+)/.exec(line))) add(m[1]);
    else if ((m = /Failed building wheel for (\S+)/.exec(line))) add(m[1]);
    else if ((m = /Could not build wheels for (.+?)(?:,\s*which|$)/.exec(line))) {
      for (const part of m[1].split(/,\s*/)) add(part);
    } else if ((m = /Invalid requirement: '(.+)'/.exec(line))) add(m[1]);
    else if ((m = /Directory '(.+?)' is not installable/.exec(line))) add(m[1]);
    else if ((m = /File '(.+?)' does not exist/.exec(line))) add(m[1]);
    else if ((m = /Because (\S+?) was not found in the package registry/.exec(line))) add(m[1]);
    else if ((m = /Because there is no version of (\S+)/.exec(line))) add(m[1]);
    else if ((m = /Because you require (.+?), we can conclude/.exec(line))) {
      for (const part of m[1].split(/,\s*|\s+and\s+/)) add(part);
    } else if ((m = /`(.+?)` does not appear to be a Python project/.exec(line))) add(m[1]);
    else if ((m = /Failed to (?:download and build|build|download|prepare) `([^`]+)`/.exec(line))) {
      const spec = m[1];
      const at = / @ (.+)$/.exec(spec);
      add(at ? at[1] : spec);
      if (at) add(spec.slice(0, at.index));
    } else if (
      lastStarted !== undefined && !startedBlamed &&
      /subprocess-exited-with-error|did not run successfully/.test(line)
    ) {
      add(lastStarted);
      startedBlamed = true;
    }
  }
  return tokens;
}

/** `dep` (normalised name) → the specs that pulled it in, from "Collecting dep (from parent)". */
function dependencyParents(output: string): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const m of output.matchAll(/Collecting (\S+)\s+\(from ([^)]+)\)/g)) {
    const dep = requirementName(m[1]);
    if (dep === null) continue;
    const parent = m[2].split("->")[0].split(/[\s,]/)[0];
    parents.set(dep, [...(parents.get(dep) ?? []), parent]);
  }
  return parents;
}

/**
 * @param cwd folder the installer ran in (pip prints paths below it relative to it)
 */
export function findFailedRequirements(
  output: string,
  requirements: readonly string[],
  cwd: string = Deno.cwd(),
): string[] {
  const blamed = new Set<string>();
  const parents = dependencyParents(output);
  const match = (token: string, depth: number) => {
    const exact = requirements.find((r) => r === token);
    if (exact !== undefined) {
      blamed.add(exact);
      return;
    }
    const looksLikePath = isLocalRequirement(token) || token.startsWith("file://");
    if (looksLikePath) {
      const path = normalizePath(token, cwd);
      for (const r of requirements) {
        if (isLocalRequirement(r) && normalizePath(r, cwd) === path) blamed.add(r);
      }
      return;
    }
    const name = requirementName(token.replace(/^['"]|['"]$/g, ""));
    if (name === null) return;
    const byName = requirements.filter((r) => requirementName(r) === name);
    if (byName.length > 0) {
      for (const r of byName) blamed.add(r);
      return;
    }
    if (depth < 3) { for (const parent of parents.get(name) ?? []) match(parent, depth + 1); }
  };
  for (const token of blamedTokens(output)) match(token, 0);
  return requirements.filter((r) => blamed.has(r));
}
