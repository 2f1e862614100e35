/**
 * How the workflows `init` writes refer to datason-bench: by a full commit SHA, with the version
 * as a comment (`uses: owner/repo/.github/workflows/x.yml@<sha> # v0.1.0`), because a tag or a
 * branch can be moved to other code after the workflows were reviewed. The SHA is `--tool-ref`
 * (which must be one), else the commit the release build embedded. A build without one (run from
 * a checkout) pins the version tag and says so, in the files and on stderr.
 */

const SHA = /^[0-9a-f]{40}$/;

export interface ToolPin {
  /** What `uses: …@` and `tool-ref:` carry: a commit SHA, or the version tag as a fallback. */
  ref: string;
  /** The comment after the ref, with its leading ` # `. */
  comment: string;
  /** Said on stderr when the pin is not a commit. */
  warning: string | null;
}

/** Why `--tool-ref` was refused, or null when it is a full commit SHA. */
export function toolRefProblem(ref: string): string | null {
  return SHA.test(ref)
    ? null
    : `--tool-ref must be a full commit SHA (40 hex digits), not "${ref}": a tag or branch can be ` +
      "moved to other code after the workflows were reviewed";
}

export function toolPin(options: {
  /** `--tool-ref`, already checked by `toolRefProblem()`. */
  ref?: string;
  /** The tool's version, e.g. `0.1.0`. */
  version: string;
  /** The commit the release build embedded (BUILD_COMMIT). */
  buildCommit: string | null;
}): ToolPin {
  const tag = `v${options.version}`;
  const ref = options.ref ?? options.buildCommit;
  if (ref !== null && ref !== undefined) return { ref, comment: ` # ${tag}`, warning: null };
  return {
    ref: tag,
    comment: ` # not a commit SHA: this datason-bench build has none; pin the commit of ${tag}`,
    warning: `this datason-bench build carries no commit SHA (it was not built by the release ` +
      `workflow), so the workflows pin the tag ${tag}, which can be moved; pass --tool-ref with ` +
      `the commit of ${tag} (git ls-remote https://github.com/OWNER/NAME refs/tags/${tag})`,
  };
}
