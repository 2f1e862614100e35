/**
 * Copies of one DataSON source folder for an instruction-count A/A test, the way the PR gate sees
 * base and head: `datason-a` and `datason-b` identical, `datason-n` with a no-op edit (a comment
 * and a function nothing calls, appended to the package's `__init__.py`). The three folders have
 * names of equal length beside each other, so installed paths, requirement strings and the
 * environments built from them differ in no length. Version-control folders and build leftovers
 * are not copied.
 */

import { cp, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { UsageError } from "../_common/errors.ts";

export const COPY_NAMES = { a: "datason-a", b: "datason-b", noop: "datason-n" } as const;

/** Appended to the no-op copy's `__init__.py`: changes the source, not what any call does. */
export const NO_OP_EDIT =
  "\n\n# A no-op edit: this comment and the function below change no behaviour.\n" +
  "def _datason_bench_no_op_edit():\n    return None\n";

const SKIPPED = new Set([".git", ".hg", "__pycache__", "build", "dist", ".venv", ".tox", "target"]);

export interface SourceCopies {
  a: string;
  b: string;
  noop: string;
}

/** The package's `__init__.py` below a source folder (flat or `src/` layout); null if none. */
export async function packageInit(root: string): Promise<string | null> {
  for (
    const candidate of [
      join(root, "datason", "__init__.py"),
      join(root, "src", "datason", "__init__.py"),
    ]
  ) {
    if (await Deno.stat(candidate).then((s) => s.isFile, () => false)) return candidate;
  }
  return null;
}

/** Makes (afresh) the three copies of `source` below `dir`. */
export async function makeSourceCopies(source: string, dir: string): Promise<SourceCopies> {
  const isDir = await Deno.stat(source).then((s) => s.isDirectory, () => false);
  if (!isDir) {
    throw new UsageError(`--source ${source}: no such folder`, {
      hint: "pass a DataSON source folder (a git checkout, or an unpacked sdist: " +
        "pip download datason==0.13.0 --no-binary :all: --no-deps, then tar xzf it)",
    });
  }
  if ((await packageInit(source)) === null) {
    throw new UsageError(`--source ${source}: no datason/__init__.py or src/datason/__init__.py`, {
      hint: "pass the root of a DataSON checkout (the folder with pyproject.toml)",
    });
  }
  await Deno.mkdir(dir, { recursive: true });
  const copies: SourceCopies = {
    a: join(dir, COPY_NAMES.a),
    b: join(dir, COPY_NAMES.b),
    noop: join(dir, COPY_NAMES.noop),
  };
  for (const target of Object.values(copies)) {
    await rm(target, { recursive: true, force: true });
    await cp(source, target, {
      recursive: true,
      filter: (from) =>
        from === source ||
        !SKIPPED.has(basename(from)) && !basename(from).endsWith(".egg-info"),
    });
  }
  const init = (await packageInit(copies.noop))!;
  await Deno.writeTextFile(init, NO_OP_EDIT, { append: true });
  return copies;
}
