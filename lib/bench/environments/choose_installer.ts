/**
 * Picks the installer: uv when it is on PATH (much faster), else the venv module and pip of the
 * base interpreter. `DATASON_BENCH_INSTALLER=pip|uv|auto` overrides the choice.
 */

import { delimiter, join } from "node:path";
import { InputError } from "../../_common/errors.ts";
import type { InstallerKind } from "./stamp.ts";

export type InstallerChoice = InstallerKind | "auto";

export const INSTALLER_ENV_VAR = "DATASON_BENCH_INSTALLER";

export interface Installer {
  kind: InstallerKind;
  /** Path of the uv executable when `kind` is "uv". */
  uv: string | null;
}

/** First executable called `name` on PATH (with `.exe` on Windows), or null. */
export function findOnPath(name: string, path = Deno.env.get("PATH") ?? ""): string | null {
  const names = Deno.build.os === "windows" ? [`${name}.exe`, name] : [name];
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    for (const candidate of names) {
      const full = join(dir, candidate);
      try {
        const info = Deno.statSync(full);
        if (info.isFile && (Deno.build.os === "windows" || ((info.mode ?? 0o111) & 0o111) !== 0)) {
          return full;
        }
      } catch {
        // not here
      }
    }
  }
  return null;
}

export function parseInstallerChoice(value: string | undefined, source: string): InstallerChoice {
  if (value === undefined || value === "") return "auto";
  if (value === "pip" || value === "uv" || value === "auto") return value;
  throw new InputError(`${source} must be pip, uv or auto (got "${value}")`);
}

export function chooseInstaller(choice: InstallerChoice): Installer {
  if (choice === "pip") return { kind: "pip", uv: null };
  const uv = findOnPath("uv");
  if (uv !== null) return { kind: "uv", uv };
  if (choice === "uv") {
    throw new InputError(`${INSTALLER_ENV_VAR}=uv but uv is not on PATH`, {
      hint: "install uv (e.g. `pipx install uv`) or unset the variable to use pip",
    });
  }
  return { kind: "pip", uv: null };
}
