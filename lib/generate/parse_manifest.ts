/**
 * `parseManifest()`: the one door through which a dataset manifest enters the program. It checks
 * the shape once, names the file and the JSON path on error, refuses newer schemas with an upgrade
 * hint; code after it trusts the types.
 */

import { InputError } from "../_common/errors.ts";
import { type SchemaNode, validateSchema } from "../_common/validate_schema.ts";
import { type Manifest, MANIFEST_SCHEMA, MANIFEST_SCHEMA_VERSION } from "./manifest.ts";
import schemaJson from "./manifest.schema.json" with { type: "json" };

const MANIFEST_JSON_SCHEMA: SchemaNode = schemaJson as SchemaNode;
const SCHEMA_ID = /^datason-bench\/manifest@(\d+)$/;
export const REGENERATE_HINT = "regenerate the datasets with `datason-bench generate --force`";

/** A manifest that cannot be used; `file` is the manifest's path. */
export class ManifestError extends InputError {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string, hint: string = REGENERATE_HINT) {
    super(`cannot read dataset manifest "${file}": ${reason}`, { hint });
    this.file = file;
    this.reason = reason;
  }
}

export function parseManifest(value: unknown, path: string): Manifest {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ManifestError(path, "the top level is not a JSON object");
  }
  const schema = (value as Record<string, unknown>).schema;
  const match = typeof schema === "string" ? SCHEMA_ID.exec(schema) : null;
  if (match === null) {
    throw new ManifestError(
      path,
      `schema: expected "${MANIFEST_SCHEMA}" (got ${JSON.stringify(schema) ?? "nothing"})`,
    );
  }
  if (Number(match[1]) > MANIFEST_SCHEMA_VERSION) {
    throw new ManifestError(
      path,
      `written by a newer datason-bench (schema ${schema}; this version reads ${MANIFEST_SCHEMA})`,
      "upgrade datason-bench, or regenerate the datasets with this version's `generate --force`",
    );
  }
  const issues = validateSchema(value, MANIFEST_JSON_SCHEMA, { enforceRequired: true });
  const manifest = value as Manifest;
  if (issues.length === 0) {
    const seen = new Map<string, string>();
    for (const [name, entry] of Object.entries(manifest.files)) {
      const [min, max] = entry.sizeRange;
      if (entry.sizeRange.length !== 2 || min > max) {
        issues.push({
          path: `files.${name}.sizeRange`,
          message: `must be [min, max] with min ≤ max (got ${JSON.stringify(entry.sizeRange)})`,
        });
      }
      const files: [string, string][] = [[`files.${name}.file`, entry.file]];
      if (entry.jsonTier !== undefined) {
        files.push([`files.${name}.jsonTier.file`, entry.jsonTier.file]);
      }
      for (const [path, file] of files) {
        const other = seen.get(file);
        if (other !== undefined) {
          issues.push({ path, message: `"${file}" is also the file of ${other}` });
        }
        seen.set(file, path.slice(0, -".file".length));
      }
    }
  }
  if (issues.length > 0) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : "";
    throw new ManifestError(path, `${first.path}: ${first.message}${more}`);
  }
  return manifest;
}
