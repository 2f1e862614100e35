/**
 * What a release build knows about itself: the commit it was built from. In the repository this is
 * null (a checkout run with `deno run`, or compiled by `deno task compile`, knows no commit);
 * `scripts/compile_release.ts` writes the commit here before `deno compile` and restores the file
 * afterwards, so the release binary carries it. `--version` shows it and `init` pins the workflows
 * it writes to it.
 */

/** The full commit SHA this binary was built from, or null for a build from a checkout. */
export const BUILD_COMMIT: string | null = null;
