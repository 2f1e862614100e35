/**
 * The warnings `compare` prints on stderr for a comparison's notes: an environment difference says
 * whether the rows it affects gate; an incomplete run's note stands as it is (its unreached rows
 * are `missing`, which never gates).
 */

import type { EnvironmentNote } from "../regression/types.ts";

export function renderNoteWarnings(
  notes: readonly EnvironmentNote[],
  allowEnvMismatch: boolean,
): string[] {
  return notes.map((note) =>
    note.kind === "incomplete"
      ? note.message
      : `${note.message}: affected rows ${
        allowEnvMismatch ? "gate anyway (--allow-env-mismatch)" : "do not gate"
      }`
  );
}
