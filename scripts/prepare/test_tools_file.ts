/**
 * `.bench/test-tools.json`: where the preparation found or put each tool the tests need, or why it
 * could not. Written by `scripts/prepare_tests.ts`, read by `tests/helpers/test_tools.ts`.
 */

import { join } from "node:path";
import { writeFileAtomic } from "../../lib/_common/atomic_write.ts";
import type { ToolOutcome } from "./types.ts";

export const TEST_TOOLS_SCHEMA = "datason-bench/test-tools@1";

export interface TestToolsFile {
  schema: typeof TEST_TOOLS_SCHEMA;
  tools: Record<string, ToolOutcome & { neededBy: string }>;
}

export function testToolsPath(repoRoot: string): string {
  return join(repoRoot, ".bench", "test-tools.json");
}

export async function writeTestToolsFile(repoRoot: string, file: TestToolsFile): Promise<void> {
  await Deno.mkdir(join(repoRoot, ".bench"), { recursive: true });
  await writeFileAtomic(testToolsPath(repoRoot), `${JSON.stringify(file, null, 2)}\n`);
}

/** The recorded outcome of one tool, or null when the file or the entry is absent. */
export function readTestTool(
  repoRoot: string,
  name: string,
): (ToolOutcome & { neededBy: string }) | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(testToolsPath(repoRoot));
  } catch {
    return null;
  }
  const parsed = JSON.parse(text) as Partial<TestToolsFile>;
  if (parsed.schema !== TEST_TOOLS_SCHEMA) return null;
  return parsed.tools?.[name] ?? null;
}
