/**
 * The one list of what the tests need beyond Deno, in the order it is prepared. A test that needs
 * another tool adds a step here; `tests/helpers/test_tools.ts` hands the result to the tests.
 */

import { actionlintStep } from "./prepare_actionlint.ts";
import { chromiumStep } from "./prepare_chromium.ts";
import { pythonStep } from "./prepare_python.ts";
import { valgrindStep } from "./prepare_valgrind.ts";
import type { TestToolStep } from "./types.ts";

export const TEST_TOOLS: readonly TestToolStep[] = [
  pythonStep,
  actionlintStep,
  chromiumStep,
  valgrindStep,
];
