/**
 * Orders version strings the way releases follow each other: numeric parts compared as numbers
 * (`0.9.0 < 0.10.0`), a pre-release (`2.0.0a1`, `2.0.0rc1`) before its release, unknown (null)
 * versions last.
 */

function parse(version: string): { release: number[]; pre: string | null } {
  const match = /^v?(\d+(?:\.\d+)*)(.*)$/.exec(version.trim());
  if (match === null) return { release: [], pre: version };
  const rest = match[2].replace(/^[-.]/, "");
  return { release: match[1].split(".").map(Number), pre: rest === "" ? null : rest };
}

export function compareVersions(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    const d = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}
