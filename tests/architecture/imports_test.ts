/**
 * The architecture test: every import (static, `export … from`, type-only, dynamic) of every .ts
 * file of the repository is checked against the table of layers (layers.ts). Measurement never
 * imports analysis or rendering, analysis never renders, stats imports only the ground floor,
 * scripts never import tests, no command imports another command, mod.ts files are entry points
 * and never barrels, analysis never spawns a process, and README shows the same table.
 */

import assert from "node:assert/strict";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { allowed, layerOf, LAYERS, layersMarkdown } from "./layers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES = ["main.ts", "lib", "scripts", "scenarios", "tests"];

interface ImportEdge {
  from: string;
  to: string;
  line: number;
}

async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const info = await Deno.stat(join(ROOT, path));
    if (info.isFile) {
      if (path.endsWith(".ts")) files.push(path);
      return;
    }
    for await (const entry of Deno.readDir(join(ROOT, path))) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      await walk(join(path, entry.name));
    }
  };
  for (const source of SOURCES) await walk(source);
  return files.sort();
}

const STATEMENTS = [
  // import x from "…"; import { a, type B } from "…"; import type { C } from "…"; import * as d
  /^[ \t]*import\s+(?:type\s+)?[\w*${}\s,]+?\s+from\s*["']([^"']+)["']/gm,
  // import "…"
  /^[ \t]*import\s*["']([^"']+)["']/gm,
  // export { a } from "…"; export type { B } from "…"; export * from "…"
  /^[ \t]*export\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[\w\s,$]*\})\s*from\s*["']([^"']+)["']/gm,
  // await import("…")
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

/** The imports of a file that point into the repository (relative specifiers). */
function importsOf(path: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const pattern of STATEMENTS) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1];
      if (!specifier.startsWith(".")) continue;
      const to = normalize(join(dirname(path), specifier)).replaceAll("\\", "/");
      const line = text.slice(0, match.index).split("\n").length;
      edges.push({ from: path, to, line });
    }
  }
  return edges;
}

async function allImports(): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const file of await sourceFiles()) {
    edges.push(...importsOf(file, await Deno.readTextFile(join(ROOT, file))));
  }
  return edges;
}

Deno.test("every import is one the table of layers allows", async () => {
  const edges = await allImports();
  assert.ok(edges.length > 500, `read ${edges.length} imports`);
  const problems: string[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    if (from === null || to === null) {
      problems.push(`${edge.from}:${edge.line} → ${edge.to}: outside every layer`);
    } else if (!allowed(from, to)) {
      problems.push(
        `${edge.from}:${edge.line} → ${edge.to}: ${from.name} may not import ${to.name}`,
      );
    }
  }
  assert.deepEqual(
    problems,
    [],
    `imports the table of layers does not allow:\n${problems.join("\n")}`,
  );
});

Deno.test("no command imports another command", async () => {
  const isCommand = (path: string) =>
    /^lib\/commands\/[^/]+\.ts$/.test(path) && path !== "lib/commands/mod.ts";
  const problems = (await allImports())
    .filter((e) => isCommand(e.from) && isCommand(e.to))
    .map((e) => `${e.from}:${e.line} → ${e.to}`);
  assert.deepEqual(problems, [], problems.join("\n"));
});

Deno.test("a mod.ts is an entry point that defines a registry, never a barrel", async () => {
  const mods = (await sourceFiles()).filter((f) =>
    f.endsWith("/mod.ts") && !f.startsWith("tests/")
  );
  assert.deepEqual(mods, ["lib/commands/mod.ts", "scenarios/mod.ts"]);
  for (const mod of mods) {
    const text = await Deno.readTextFile(join(ROOT, mod));
    assert.doesNotMatch(text, /^\s*export\s+(type\s+)?(\*|\{[^}]*\})\s*from/m, `${mod} re-exports`);
  }
});

Deno.test("analysis never spawns a process", async () => {
  const analysis = (await sourceFiles()).filter((f) => /^lib\/(regression|trends|stats)\//.test(f));
  for (const file of analysis) {
    const text = await Deno.readTextFile(join(ROOT, file));
    assert.doesNotMatch(text, /Deno\.Command|Deno\.run\(|child_process/, file);
  }
});

Deno.test("README's layout section shows the table of layers", async () => {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const cells = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());
  const rows = (markdown: string) =>
    markdown.split("\n").filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l)).map(cells);
  const start = readme.indexOf("| layer");
  assert.ok(start >= 0, "README has the table of layers");
  const end = readme.indexOf("\n\n", start);
  assert.deepEqual(rows(readme.slice(start, end === -1 ? undefined : end)), rows(layersMarkdown()));
});

Deno.test("every file of the repository's code belongs to a layer", async () => {
  const outside = (await sourceFiles()).filter((f) => layerOf(f) === null);
  assert.deepEqual(outside, []);
  assert.equal(new Set(LAYERS.map((l) => l.name)).size, LAYERS.length);
  for (const layer of LAYERS) {
    for (const name of layer.imports) {
      assert.ok(name === "*" || LAYERS.some((l) => l.name === name), `${layer.name}: ${name}`);
    }
  }
});
