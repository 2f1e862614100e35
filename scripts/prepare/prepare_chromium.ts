/**
 * Chromium for the page tests (the site rendered headless). Taken from `CHROMIUM` when set, else
 * the first of `chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable` on PATH that
 * runs. When none does, it is installed with apt-get only on Debian as root, where `chromium` is a
 * real package (on Ubuntu it is a snap stub); otherwise the outcome says what to install.
 */

import { findOnPath } from "../../lib/bench/environments/choose_installer.ts";
import { findWorkingExecutable, versionOf } from "./find_working_executable.ts";
import type { PrepareContext, TestToolStep, ToolOutcome } from "./types.ts";

export const CHROMIUM_NAMES = [
  "chromium",
  "chromium-browser",
  "google-chrome",
  "google-chrome-stable",
];

const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

export const chromiumStep: TestToolStep = {
  name: "chromium",
  neededBy:
    "the page tests that render the site in headless Chromium (tests/report/browser_test.ts)",
  prepare: prepareChromium,
};

export async function prepareChromium(ctx: PrepareContext): Promise<ToolOutcome> {
  const fromEnv = ctx.env("CHROMIUM");
  if (fromEnv !== undefined && fromEnv !== "") {
    const version = await versionOf(ctx, fromEnv);
    if (version !== null) {
      return { status: "ready", path: fromEnv, detail: `${version} (CHROMIUM)` };
    }
    return {
      status: "missing",
      reason: `CHROMIUM is set to "${fromEnv}", which does not run`,
      fix: "point CHROMIUM at a Chromium or Google Chrome executable, or unset it",
    };
  }
  const found = await findWorkingExecutable(ctx, CHROMIUM_NAMES);
  if (found !== null) return { status: "ready", path: found.path, detail: found.version };

  const apt = findOnPath("apt-get", ctx.env("PATH") ?? "");
  const reason = `none of ${CHROMIUM_NAMES.join(", ")} runs from PATH, and CHROMIUM is not set`;
  if (ctx.osId === "debian" && ctx.isRoot && apt !== null) {
    ctx.log("prepare: chromium: not found; installing Debian's chromium package with apt-get");
    let install = await ctx.run(apt, ["install", "-y", "-q", "chromium"], { env: APT_ENV });
    if (install.code !== 0) {
      await ctx.run(apt, ["update", "-q"], { env: APT_ENV });
      install = await ctx.run(apt, ["install", "-y", "-q", "chromium"], { env: APT_ENV });
    }
    const installed = await findWorkingExecutable(ctx, CHROMIUM_NAMES);
    if (installed !== null) {
      return { status: "ready", path: installed.path, detail: `${installed.version} (installed)` };
    }
    const tail = install.output.trim().split(/\r?\n/).slice(-1)[0] ?? "";
    return {
      status: "missing",
      reason: `apt-get install chromium failed${tail ? `: ${tail}` : ""}`,
      fix: "install Debian's chromium package by hand, or set CHROMIUM to a Chrome executable",
    };
  }
  const fix = ctx.osId === "debian"
    ? "install it as root (`apt-get install chromium`), or set CHROMIUM to a Chromium or Chrome executable"
    : ctx.osId === "ubuntu"
    ? "install Google Chrome (Ubuntu's chromium package is only a snap stub) or set CHROMIUM to a Chrome executable"
    : "install Chromium or Google Chrome, or set CHROMIUM to its executable";
  return { status: "missing", reason, fix };
}
