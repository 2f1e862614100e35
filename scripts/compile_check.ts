/**
 * `deno task compile:check`: proves that `deno compile` accepts the program without downloading
 * the `denort` base binary (which needs network access). It compiles with DENORT_BIN set to this
 * deno executable, so the whole pipeline — module graph, npm packages, embedded assets, permission
 * flags — runs; the output is only the plain deno CLI and is deleted afterwards. It fails when an
 * asset file under lib/, templates/ or scenarios/ is not embedded (it would be missing from the
 * release binary).
 */

import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const denoJson = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
const compileTask: string = denoJson.tasks.compile;
const words = compileTask.split(/\s+/);
const flags = words.filter((w) => w.startsWith("--") && w !== "--output");

const outDir = await Deno.makeTempDir({ prefix: "datason-bench-compile-" });
const output = join(outDir, Deno.build.os === "windows" ? "datason-bench.exe" : "datason-bench");
console.error(`compile:check: deno compile ${flags.join(" ")} --output ${output} main.ts`);
const result = await new Deno.Command(Deno.execPath(), {
  args: ["compile", ...flags, "--output", output, "main.ts"],
  cwd: root,
  env: { DENORT_BIN: Deno.execPath(), NO_COLOR: "1" },
  stdout: "piped",
  stderr: "piped",
}).output();
const log = new TextDecoder().decode(result.stdout) + new TextDecoder().decode(result.stderr);
await Deno.remove(outDir, { recursive: true });
console.log(log.trim());
if (!result.success) {
  console.error("compile:check: deno compile failed");
  Deno.exit(1);
}

async function assetFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) out.push(...await assetFiles(path));
      else if (!entry.name.endsWith(".ts") && !entry.name.startsWith(".")) out.push(path);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return out;
}

const assets = [
  join(root, "datason-bench.schema.json"),
  ...(await assetFiles(join(root, "lib"))),
  ...(await assetFiles(join(root, "templates"))),
  ...(await assetFiles(join(root, "scenarios"))),
];
const missing = assets
  .map((path) => relative(root, path).replaceAll("\\", "/"))
  .filter((rel) => !isListed(rel));

/** deno compile lists files by name in a tree and collapses folder chains to `a/b/*`. */
function isListed(rel: string): boolean {
  const parts = rel.split("/");
  if (log.includes(`── ${parts[parts.length - 1]} (`)) return true;
  for (let end = 1; end < parts.length; end++) {
    for (let start = 0; start < end; start++) {
      if (log.includes(`── ${parts.slice(start, end).join("/")}/* (`)) return true;
    }
  }
  return false;
}

if (missing.length > 0) {
  console.error(`compile:check: assets not embedded (import them with { type: "text" | "json" }):`);
  for (const m of missing) console.error(`  ${m}`);
  Deno.exit(1);
}
console.error(
  `compile:check: ok — ${assets.length} asset file(s) embedded; permissions: ${flags.join(" ")}`,
);
