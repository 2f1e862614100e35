import assert from "node:assert/strict";
import type { Command } from "../../lib/cli/command.ts";
import { ExecutionError, InputError } from "../../lib/_common/errors.ts";
import { MemoryIo } from "../../lib/cli/io.ts";
import { runCli } from "../../lib/cli/run_cli.ts";
import { COMMANDS } from "../../lib/commands/mod.ts";
import { tempDir } from "../helpers/run_cli.ts";

function fakeCommand(name: string, run: Command["run"]): Command {
  return { name, summary: `fake ${name}`, flags: {}, examples: [`datason-bench ${name}`], run };
}

const commands: Command[] = [
  fakeCommand("ok", () => Promise.resolve(0)),
  fakeCommand("regress", () => Promise.resolve(1)),
  fakeCommand(
    "bad-input",
    () => Promise.reject(new InputError("cannot read x", { hint: "fix x" })),
  ),
  fakeCommand("no-python", () => Promise.reject(new ExecutionError("no python at /nowhere"))),
  fakeCommand("bug", () => Promise.reject(new TypeError("undefined is not a function"))),
  fakeCommand("config", async (ctx) => {
    await ctx.loadConfig();
    return 0;
  }),
];

Deno.test("runCli() maps outcomes to exit codes 0, 1, 2 and 3", async () => {
  const cases: [string[], number][] = [
    [["ok"], 0],
    [["regress"], 1],
    [["bad-input"], 2],
    [["nope"], 2],
    [["ok", "--nope"], 2],
    [["no-python"], 3],
    [["bug"], 3],
    [[], 2],
  ];
  for (const [args, expected] of cases) {
    const io = new MemoryIo();
    assert.equal(await runCli(args, io, { commands }), expected, `exit code of ${args.join(" ")}`);
  }
});

Deno.test("runCli() prints errors and hints on stderr only", async () => {
  const io = new MemoryIo();
  await runCli(["bad-input"], io, { commands });
  assert.equal(io.out, "");
  assert.equal(io.err, "error: cannot read x\nhint: fix x\n");
});

Deno.test("runCli() reports an unexpected exception as an internal error with exit 3", async () => {
  const io = new MemoryIo();
  assert.equal(await runCli(["bug"], io, { commands }), 3);
  assert.match(io.err, /internal error.*undefined is not a function/);
});

Deno.test("runCli() exits 2 with file and JSON path for a config with a typo", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/datason-bench.json`, `{"sed": 5}`);
  const io = new MemoryIo({ cwd: dir.path });
  assert.equal(await runCli(["config"], io, { commands }), 2);
  assert.match(io.err, /datason-bench\.json": sed: unknown key "sed" \(did you mean "seed"\?\)/);
});

Deno.test("--version prints the tool's version, its commit and Deno's; --json makes it one document", async () => {
  const text = new MemoryIo();
  assert.equal(await runCli(["--version"], text, { commands }), 0);
  // A checkout carries no commit; a release build says `commit <sha>` (scripts/compile_release.ts).
  assert.match(
    text.out,
    /^datason-bench \d+\.\d+\.\d+ \(no commit: not a release build; deno \d+\.\d+\.\d+/,
  );
  const json = new MemoryIo();
  await runCli(["--version", "--json"], json, { commands });
  const doc = JSON.parse(json.out);
  assert.equal(doc.schema, "datason-bench/version@1");
  assert.equal(doc.deno, Deno.version.deno);
  assert.equal(doc.commit, null);
});

Deno.test("--help lists every command; each command has usage, flags and an example", async () => {
  const io = new MemoryIo();
  assert.equal(await runCli(["--help"], io, { commands: COMMANDS }), 0);
  for (const command of COMMANDS) {
    assert.match(io.out, new RegExp(`\\n  ${command.name}\\s+${command.summary.slice(0, 20)}`));
    const help = new MemoryIo();
    assert.equal(await runCli([command.name, "--help"], help, { commands: COMMANDS }), 0);
    assert.match(help.out, new RegExp(`Usage: datason-bench ${command.name}`));
    assert.match(help.out, /Examples:\n {2}datason-bench /);
    assert.ok(command.examples.length > 0, `${command.name} has an example`);
    for (const flag of Object.keys(command.flags)) {
      assert.match(help.out, new RegExp(`--${flag}\\b`), `${command.name} --help shows --${flag}`);
    }
  }
});

Deno.test("no command prints the help on stderr and exits 2", async () => {
  const io = new MemoryIo();
  assert.equal(await runCli([], io, { commands: COMMANDS }), 2);
  assert.equal(io.out, "");
  assert.match(io.err, /Usage: datason-bench <command>/);
});
