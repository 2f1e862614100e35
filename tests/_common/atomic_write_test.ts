import assert from "node:assert/strict";
import { join } from "node:path";
import { AtomicFileWriter, TEMP_PREFIX, writeFileAtomic } from "../../lib/_common/atomic_write.ts";
import { listRunRecords } from "../../lib/results/store.ts";
import { REPO_ROOT, tempDir } from "../helpers/run_cli.ts";

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) out.push(entry.name);
  return out.sort();
}

Deno.test("writeFileAtomic() replaces the whole file or nothing", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "nested", "run.json");
  await writeFileAtomic(path, "first");
  await writeFileAtomic(path, "second");
  assert.equal(await Deno.readTextFile(path), "second");
  assert.deepEqual(await names(join(dir.path, "nested")), ["run.json"]);
});

Deno.test("a failure between write and rename leaves no file under the final name", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "run.json");
  await assert.rejects(() =>
    writeFileAtomic(path, "{}", {
      beforeRename: () => {
        throw new Error("simulated crash");
      },
    }), /simulated crash/);
  assert.deepEqual(await names(dir.path), []);
});

Deno.test("a process killed between write and rename leaves no file under the final name", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "2026-11-23", "run.json");
  const script = join(dir.path, "writer.ts");
  const atomic = new URL("lib/_common/atomic_write.ts", `file://${REPO_ROOT}/`).href;
  await Deno.writeTextFile(
    script,
    `import { writeFileAtomic } from ${JSON.stringify(atomic)};
await writeFileAtomic(${JSON.stringify(path)}, JSON.stringify({ schema: "datason-bench/run@1" }), {
  beforeRename: async () => { console.log("written"); await new Promise(() => {}); },
});`,
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", script],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /written/);
  child.kill("SIGKILL");
  await child.status;
  reader.releaseLock();
  await child.stdout.cancel();
  const left = await names(join(dir.path, "2026-11-23"));
  assert.ok(!left.includes("run.json"), "no file under the final name");
  assert.ok(left.every((n) => n.startsWith(TEMP_PREFIX)), `only temp files left: ${left}`);
  const listing = await listRunRecords(dir.path);
  assert.equal(listing.records.length + listing.problems.length, 0, "the store ignores temp files");
});

Deno.test("AtomicFileWriter publishes on commit and leaves nothing on abort", async () => {
  await using dir = await tempDir();
  const kept = await AtomicFileWriter.open(join(dir.path, "a.jsonl"));
  await kept.write("line 1\n");
  await kept.write(new TextEncoder().encode("line 2\n"));
  assert.deepEqual((await names(dir.path)).filter((n) => !n.startsWith(TEMP_PREFIX)), []);
  await kept.commit();
  assert.equal(await Deno.readTextFile(join(dir.path, "a.jsonl")), "line 1\nline 2\n");
  const dropped = await AtomicFileWriter.open(join(dir.path, "b.jsonl"));
  await dropped.write("partial");
  await dropped.abort();
  assert.deepEqual(await names(dir.path), ["a.jsonl"]);
});
