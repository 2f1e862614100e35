/**
 * Headless Chromium for page tests: `--dump-dom` gives the DOM after scripts ran and CSS applied,
 * `--screenshot` a PNG to look at. The flags are what this sandbox (and CI, as root) needs.
 */

import { join } from "node:path";
import { testToolPath } from "./test_tools.ts";

/** The Chromium `deno task test` prepared (or $CHROMIUM); throws naming what to install. */
export function chromiumPath(): string {
  return testToolPath("chromium");
}

async function runChromium(args: string[]): Promise<string> {
  const profile = await Deno.makeTempDir({ prefix: "datason-bench-chromium-" });
  try {
    const output = await new Deno.Command(chromiumPath(), {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        ...args,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) {
      throw new Error(
        `chromium failed (${output.code}): ${new TextDecoder().decode(output.stderr).slice(-2000)}`,
      );
    }
    return new TextDecoder().decode(output.stdout);
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

/** The rendered DOM of a local HTML file. */
export function dumpDom(htmlPath: string): Promise<string> {
  return runChromium(["--dump-dom", `file://${htmlPath}`]);
}

/** Saves a PNG screenshot of a local HTML file; returns the PNG path. */
export async function screenshot(
  htmlPath: string,
  pngPath: string,
  options: { width?: number; height?: number; dark?: boolean } = {},
): Promise<string> {
  await runChromium([
    `--screenshot=${pngPath}`,
    `--window-size=${options.width ?? 1280},${options.height ?? 2400}`,
    "--hide-scrollbars",
    ...(options.dark ? ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] : []),
    `file://${htmlPath}`,
  ]);
  return pngPath;
}

export { join };
