/**
 * Test fixtures for the runner: tiny datasets in the dataset format (header line + records with
 * typed values) plus their manifest, Python modules used as custom targets, and the interpreter.
 */

import { join } from "node:path";
import {
  DATASET_SCHEMA,
  type DatasetFileDigest,
  type Manifest,
  MANIFEST_SCHEMA,
} from "../../lib/generate/manifest.ts";
import { writeJsonTierFile } from "../../lib/generate/write_json_tier_file.ts";
import { sha256File } from "../../lib/_common/sha256.ts";
import { testToolPath } from "../helpers/test_tools.ts";

/** The Python the runner tests use: the prepared test environment, or $DATASON_BENCH_TEST_PYTHON. */
export function testPython(): string {
  return testToolPath("python");
}

export const IS_WINDOWS = Deno.build.os === "windows";
const REFERENCE_DATE = "2025-01-01T00:00:00.000Z";

/** `{"__type__": type, "v": v}` */
export function typed(type: string, v: unknown): { __type__: string; v: unknown } {
  return { __type__: type, v };
}

/** Records with every typed value the generator writes (numpy and pandas ones optional). */
export function typedRecords(options: { numpy?: boolean } = {}): unknown[] {
  const records: unknown[] = [
    {
      id: typed("uuid", "12345678-1234-4234-8234-123456789abc"),
      created: typed("datetime", "2024-03-01T12:30:45.123456+01:00"),
      day: typed("date", "2024-02-29"),
      at: typed("time", "08:15:00"),
      price: typed("decimal", "19.90"),
      blob: typed("bytes", "AAEC/w=="),
      tags: typed("set", ["a", "b"]),
      pair: typed("tuple", [1, typed("tuple", [2, "x"])]),
      z: typed("complex", [1.5, -2]),
      nan: typed("float", "nan"),
      inf: typed("float", "-inf"),
      big: typed("int", "123456789012345678901234567890"),
      plain: { text: "héllo\u0000", n: 3, ok: true, none: null, list: [1, 2.5] },
    },
    { name: "second", when: typed("datetime", "2024-01-01T00:00:00Z"), n: 1 },
  ];
  if (options.numpy) {
    records.push({
      matrix: typed("ndarray", { dtype: "float32", shape: [2, 3], data: [0, 1, 2, 3, 4.5, 5] }),
      frame: typed("dataframe", { columns: ["a", "b"], data: [[1, "x"], [2, "y"]] }),
    });
  }
  return records;
}

/** Plain JSON records (no typed values): every JSON library can round-trip them exactly. */
export function plainRecords(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i,
    name: `user${i}`,
    score: i * 1.5,
    tags: ["a", "b", String(i)],
    nested: { active: i % 2 === 0, parent: null },
  }));
}

export interface WrittenDataset {
  scenario: string;
  path: string;
  sha256: string;
  bytes: number;
  records: number;
  /** The JSON-tier file projected from it by generate's own projector. */
  jsonTier: DatasetFileDigest;
}

/**
 * Writes `<dir>/<scenario>.jsonl` in the dataset format and its JSON-tier projection
 * (`<scenario>.json-tier.jsonl`), as `generate` does.
 */
export async function writeDataset(
  dir: string,
  scenario: string,
  records: unknown[],
): Promise<WrittenDataset> {
  const header = {
    schema: DATASET_SCHEMA,
    scenario,
    seed: 1,
    generatorVersion: "test",
    count: records.length,
    sizeRange: [1, 1_000_000],
    referenceDate: REFERENCE_DATE,
  };
  const lines = [
    JSON.stringify(header),
    ...records.map((data, i) => JSON.stringify({ i, targetBytes: 100, data })),
  ];
  const path = join(dir, `${scenario}.jsonl`);
  await Deno.writeTextFile(path, `${lines.join("\n")}\n`);
  const projected = await writeJsonTierFile(dir, scenario, path);
  await projected.commit();
  return {
    scenario,
    path,
    sha256: await sha256File(path),
    bytes: (await Deno.stat(path)).size,
    records: records.length,
    jsonTier: projected.entry,
  };
}

/**
 * Writes `<dir>/manifest.json` listing the given datasets and their JSON-tier files;
 * `jsonTier: false` writes a manifest as generate did before the JSON tier existed.
 */
export async function writeManifest(
  dir: string,
  datasets: WrittenDataset[],
  options: { jsonTier?: boolean } = {},
): Promise<void> {
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    seed: 1,
    generatorVersion: "test",
    referenceDate: REFERENCE_DATE,
    files: Object.fromEntries(datasets.map((d) => [d.scenario, {
      file: `${d.scenario}.jsonl`,
      sha256: d.sha256,
      bytes: d.bytes,
      records: d.records,
      seed: 1,
      generatorVersion: "test",
      sizeRange: [1, 1_000_000] as [number, number],
      tier: "object_enhanced" as const,
      referenceDate: REFERENCE_DATE,
      ...(options.jsonTier === false ? {} : { jsonTier: d.jsonTier }),
    }])),
  };
  await Deno.writeTextFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
}

/**
 * Python modules used as custom targets by the fault tests. Each serializes with json (after
 * making typed values JSON-safe) and misbehaves in one way.
 */
export const FAULT_MODULES: Record<string, string> = {
  fault_raises: `
import json
def dumps(x):
    if x.get("id", 0) % 2 == 1:
        raise ValueError("odd records are not supported")
    return json.dumps(x)
loads = json.loads
`,
  fault_wrong: `
import json
def dumps(x):
    return json.dumps(x)
def loads(s):
    value = json.loads(s)
    value["score"] = -1
    return value
`,
  fault_hangs: `
import json, time
def dumps(x):
    time.sleep(3600)
loads = json.loads
`,
  fault_kills: `
import json, os, signal
def dumps(x):
    os.kill(os.getpid(), signal.SIGKILL)
loads = json.loads
`,
  fault_noisy: `
import json, os, sys
def dumps(x):
    print("noise from print()")
    sys.stdout.write("noise from sys.stdout\\n")
    os.write(1, b"noise written to fd 1\\n")
    sys.__stdout__.write("noise from sys.__stdout__\\n")
    return json.dumps(x)
def loads(s):
    os.write(1, b'{"type":"result","status":"ok"}\\n')
    return json.loads(s)
`,
  keeps_64k: `
import json
def dumps(x):
    # Keeps 64 KiB alive while it serializes: the peak of a pass grows by exactly that.
    held = bytearray(65536)
    out = json.dumps(x)
    held[0] = 1
    return out
loads = json.loads
`,
  fault_malloc: `
import ctypes, json
_libc = ctypes.CDLL(None)
_libc.malloc.restype = ctypes.c_void_p
_libc.malloc.argtypes = [ctypes.c_size_t]
_libc.free.argtypes = [ctypes.c_void_p]
SIZE = 50 * 1024 * 1024
def dumps(x):
    block = _libc.malloc(SIZE)
    ctypes.memset(block, 1, SIZE)
    _libc.free(block)
    return json.dumps(x)
loads = json.loads
`,
};

/** Writes the fault modules into `dir` and returns custom target specs for them. */
export async function writeFaultModules(
  dir: string,
): Promise<
  Record<
    string,
    { id: string; module: string; serialize: string; deserialize: string; paths: string[] }
  >
> {
  const specs: Record<
    string,
    { id: string; module: string; serialize: string; deserialize: string; paths: string[] }
  > = {};
  for (const [name, source] of Object.entries(FAULT_MODULES)) {
    await Deno.writeTextFile(join(dir, `${name}.py`), source.trimStart());
    specs[name] = {
      id: name,
      module: name,
      serialize: "dumps",
      deserialize: "loads",
      paths: [dir],
    };
  }
  return specs;
}

/** Runs a Python snippet with the runner importable as `runner`; returns parsed JSON stdout. */
export async function runPythonWithRunner(dir: string, snippet: string): Promise<unknown> {
  const { RUNNER_SOURCE } = await import("../../lib/bench/runner_process.ts");
  await Deno.writeTextFile(join(dir, "runner.py"), RUNNER_SOURCE);
  const output = await new Deno.Command(testPython(), {
    args: [
      "-X",
      "utf8",
      "-c",
      `import sys, json\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport runner\n${snippet}`,
    ],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  if (!output.success) {
    throw new Error(`python failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  return JSON.parse(stdout);
}
