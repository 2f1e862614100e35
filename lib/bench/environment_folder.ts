/**
 * `environmentFolder()`: the folder of a virtual environment from its interpreter's path
 * (`<folder>/bin/python`, `<folder>\Scripts\python.exe`, with a `pyvenv.cfg` in `<folder>`); null
 * for an interpreter that is not a virtual environment's. Profiles write paths inside it as
 * `<env>/…`, so that the base and head environments of a PR (two folders) name the same C
 * extension the same way.
 */

import { basename, dirname, join } from "node:path";

export function environmentFolder(python: string): string | null {
  const bin = dirname(python);
  if (!["bin", "Scripts"].includes(basename(bin))) return null;
  const folder = dirname(bin);
  try {
    return Deno.statSync(join(folder, "pyvenv.cfg")).isFile ? folder : null;
  } catch {
    return null;
  }
}
