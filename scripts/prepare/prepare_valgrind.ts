/**
 * Valgrind for the instruction-count tests. Taken from `DATASON_BENCH_VALGRIND` when set, else
 * `valgrind` on PATH; when missing it is installed with apt-get as root on Debian and Ubuntu (a
 * real package on both), otherwise the outcome says what to install. Valgrind does not exist for
 * Windows or for macOS on Apple silicon: there the instruction tests fail, naming this.
 */

import { findOnPath } from "../../lib/bench/environments/choose_installer.ts";
import { parseValgrindVersion, VALGRIND_ENV_VAR } from "../../lib/bench/valgrind/find_valgrind.ts";
import type { PrepareContext, TestToolStep, ToolOutcome } from "./types.ts";

const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

export const valgrindStep: TestToolStep = {
  name: "valgrind",
  neededBy: "the instruction-count tests (tests/bench/count_*, runs of the quick profile)",
  prepare: prepareValgrind,
};

async function versionOf(ctx: PrepareContext, path: string): Promise<string | null> {
  try {
    const result = await ctx.run(path, ["--version"]);
    return result.code === 0 ? parseValgrindVersion(result.output) : null;
  } catch {
    return null;
  }
}

export async function prepareValgrind(ctx: PrepareContext): Promise<ToolOutcome> {
  const fromEnv = ctx.env(VALGRIND_ENV_VAR);
  if (fromEnv !== undefined && fromEnv !== "") {
    const version = await versionOf(ctx, fromEnv);
    if (version !== null) {
      return {
        status: "ready",
        path: fromEnv,
        detail: `valgrind ${version} (${VALGRIND_ENV_VAR})`,
      };
    }
    return {
      status: "missing",
      reason: `${VALGRIND_ENV_VAR} is set to "${fromEnv}", which does not run`,
      fix: `point ${VALGRIND_ENV_VAR} at a valgrind executable, or unset it`,
    };
  }
  const path = () => findOnPath("valgrind", ctx.env("PATH") ?? "");
  const found = path();
  if (found !== null) {
    const version = await versionOf(ctx, found);
    if (version !== null) return { status: "ready", path: found, detail: `valgrind ${version}` };
  }
  const apt = findOnPath("apt-get", ctx.env("PATH") ?? "");
  if ((ctx.osId === "debian" || ctx.osId === "ubuntu") && ctx.isRoot && apt !== null) {
    ctx.log("prepare: valgrind: not found; installing the valgrind package with apt-get");
    let install = await ctx.run(apt, ["install", "-y", "-q", "valgrind"], { env: APT_ENV });
    if (install.code !== 0) {
      await ctx.run(apt, ["update", "-q"], { env: APT_ENV });
      install = await ctx.run(apt, ["install", "-y", "-q", "valgrind"], { env: APT_ENV });
    }
    const installed = path();
    const version = installed === null ? null : await versionOf(ctx, installed);
    if (installed !== null && version !== null) {
      return { status: "ready", path: installed, detail: `valgrind ${version} (installed)` };
    }
    const tail = install.output.trim().split(/\r?\n/).slice(-1)[0] ?? "";
    return {
      status: "missing",
      reason: `apt-get install valgrind failed${tail ? `: ${tail}` : ""}`,
      fix: "install Valgrind by hand, or set DATASON_BENCH_VALGRIND",
    };
  }
  return {
    status: "missing",
    reason: "`valgrind` is not on PATH",
    fix: ctx.osId === "debian" || ctx.osId === "ubuntu"
      ? "install it as root (`apt-get install valgrind`), or set DATASON_BENCH_VALGRIND"
      : "install Valgrind (Linux: your distribution's valgrind package; there is none for " +
        "Windows or macOS on Apple silicon), or set DATASON_BENCH_VALGRIND",
  };
}
