/**
 * A new private temporary folder whose path has the same length every time: `<tmp>/<prefix><16 hex
 * digits>`. (`Deno.makeTempDir` names vary in length.) Paths that reach a measured process — its
 * argv, `sys.path` — change its memory layout with their length, and instruction counts with it.
 */

import { tmpdir } from "node:os";
import { join } from "node:path";

export async function makeTempDir(prefix: string): Promise<string> {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    const suffix = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    const path = join(tmpdir(), `${prefix}${suffix}`);
    try {
      await Deno.mkdir(path, { mode: 0o700 });
      return path;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
}
