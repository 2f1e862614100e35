/**
 * Content hash of a local-path requirement (a DataSON checkout, a wheel, an sdist), so that an
 * edited checkout triggers a reinstall while an untouched one is reused.
 *
 * Rules (a file = a regular file or a symbolic link; links are hashed by their target text and
 * never followed):
 * - a file requirement (wheel, sdist): the SHA-256 of its bytes;
 * - a folder: every file below it, in sorted order of its relative path (always with `/`), hashed
 *   as (kind, relative path, size, SHA-256 of the bytes). Modification times and permissions are
 *   ignored, so a fresh clone of the same commit hashes the same.
 * - skipped folders: version control (`.git`, `.hg`, `.svn`), caches (`__pycache__`,
 *   `.mypy_cache`, `.pytest_cache`, `.ruff_cache`, `.hypothesis`, `.ipynb_checkpoints`), build
 *   outputs (`build`, `dist`, `*.egg-info`, `.eggs`, `htmlcov`), tool environments (`.tox`, `.nox`,
 *   `.venv`, `node_modules`, datason-bench's own `.bench`) and any folder holding a `pyvenv.cfg`
 *   (a virtual environment, whatever its name);
 * - skipped files: compiled Python (`*.pyc`, `*.pyo`), in-place build outputs of C extensions
 *   (`*.so`, `*.pyd`, `*.dylib`), `.coverage` data and `.DS_Store`.
 * None of these end up in what pip installs from the folder (pip builds from the sources).
 */

import { createHash } from "node:crypto";
import { join } from "node:path";
import { sha256File } from "../../_common/sha256.ts";

export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".hypothesis",
  ".ipynb_checkpoints",
  "build",
  "dist",
  ".eggs",
  "htmlcov",
  ".tox",
  ".nox",
  ".venv",
  "node_modules",
  ".bench",
]);

const SKIPPED_FILE = /(\.pyc|\.pyo|\.so|\.pyd|\.dylib)$|^(\.coverage|\.DS_Store)$/;

export interface LocalRequirementHash {
  kind: "file" | "dir";
  /** Hex SHA-256 over the rules above. */
  sha256: string;
  /** Files that went into the hash. */
  files: number;
}

/** Hashes a local requirement; throws `Deno.errors.NotFound` when the path does not exist. */
export async function hashLocalRequirement(path: string): Promise<LocalRequirementHash> {
  const info = await Deno.stat(path);
  if (info.isFile) return { kind: "file", sha256: await sha256File(path), files: 1 };
  const hash = createHash("sha256");
  let files = 0;
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
    if (prefix !== "" && entries.some((e) => e.name === "pyvenv.cfg" && e.isFile)) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.endsWith(".egg-info")) continue;
        await walk(full, rel);
      } else if (SKIPPED_FILE.test(entry.name)) {
        continue;
      } else if (entry.isSymlink) {
        hash.update(`L\0${rel}\0${await Deno.readLink(full)}\n`);
        files++;
      } else if (entry.isFile) {
        const size = (await Deno.stat(full)).size;
        hash.update(`F\0${rel}\0${size}\0${await sha256File(full)}\n`);
        files++;
      }
    }
  };
  await walk(path, "");
  return { kind: "dir", sha256: hash.digest("hex"), files };
}
