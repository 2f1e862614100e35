/** Reading `<dir>/manifest.json` from disk, with errors that name the file and the fix. */

import { join } from "node:path";
import { JsonSyntaxError, parseJsonText } from "../_common/parse_json_text.ts";
import { type Manifest, MANIFEST_FILE_NAME } from "./manifest.ts";
import { ManifestError, parseManifest } from "./parse_manifest.ts";

export function manifestPath(dir: string): string {
  return join(dir, MANIFEST_FILE_NAME);
}

/** Reads and validates the manifest of `dir`; throws `ManifestError` (exit 2) when it is missing. */
export async function readManifest(dir: string): Promise<Manifest> {
  const manifest = await tryReadManifest(dir);
  if (manifest === null) {
    throw new ManifestError(
      manifestPath(dir),
      "no such file: the datasets have not been generated in this folder",
      "run `datason-bench generate` (or point data.dir in the config, or --out, at the datasets)",
    );
  }
  return manifest;
}

/** Like `readManifest()`, but returns null when the folder has no manifest. */
export async function tryReadManifest(dir: string): Promise<Manifest | null> {
  const path = manifestPath(dir);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw new ManifestError(path, error instanceof Error ? error.message : String(error));
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    throw new ManifestError(path, error instanceof JsonSyntaxError ? error.message : String(error));
  }
  return parseManifest(value, path);
}
