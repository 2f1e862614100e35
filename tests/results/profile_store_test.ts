import assert from "node:assert/strict";
import { join } from "node:path";
import { canonicalJson } from "../../lib/_common/canonical_json.ts";
import { sha256Hex } from "../../lib/_common/sha256.ts";
import { buildRunRecord } from "../../lib/results/build_run_record.ts";
import type { InstructionProfile } from "../../lib/results/instruction_profile.ts";
import {
  loadProfiles,
  loadRunProfiles,
  profileDirsOf,
  profilesDir,
  saveProfile,
} from "../../lib/results/profile_store.ts";
import { listRunRecords, saveRunRecord } from "../../lib/results/store.ts";
import { fixtureCell, fixtureRunRecord, withCounts } from "../helpers/run_record_fixture.ts";
import { instructionProfile } from "../helpers/profile_fixtures.ts";

const PROFILE: InstructionProfile = instructionProfile({
  total: 1000,
  functions: [["/lib/libpython.so", "ceval.c", "_PyEval_EvalFrameDefault", 900, 1000]],
});

Deno.test("a profile is stored under the SHA-256 of its canonical JSON, once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const saved = await saveProfile(join(dir, "profiles"), PROFILE);
    const text = await Deno.readTextFile(saved.path);
    assert.equal(text, canonicalJson(PROFILE));
    assert.equal(saved.hash, sha256Hex(text));
    assert.equal(saved.path, join(dir, "profiles", `${saved.hash}.json`));
    assert.equal(saved.bytes, new TextEncoder().encode(text).length);
    const again = await saveProfile(join(dir, "profiles"), structuredClone(PROFILE));
    assert.equal(again.hash, saved.hash);
    const names = [...Deno.readDirSync(join(dir, "profiles"))].map((e) => e.name);
    assert.deepEqual(names, [`${saved.hash}.json`], "no temporary file left");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loading says why a profile is unavailable: missing, edited, not a profile", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const profiles = join(dir, "profiles");
    const good = await saveProfile(profiles, PROFILE);
    const edited = await saveProfile(profiles, { ...PROFILE, records: 2 });
    await Deno.writeTextFile(edited.path, canonicalJson({ ...PROFILE, records: 3 }));
    const notAProfile = JSON.stringify({ hello: 1 });
    const strangerHash = sha256Hex(notAProfile);
    await Deno.writeTextFile(join(profiles, `${strangerHash}.json`), notAProfile);
    const missing = "f".repeat(64);
    const lookup = await loadProfiles([good.hash, edited.hash, strangerHash, missing, "../x"], [
      join(dir, "elsewhere"),
      profiles,
    ]);
    assert.deepEqual(lookup.instruction(good.hash), PROFILE);
    assert.match(
      (lookup.instruction(edited.hash) as { unavailable: string }).unavailable,
      /edited or damaged/,
    );
    assert.match(
      (lookup.instruction(strangerHash) as { unavailable: string }).unavailable,
      /not usable: schema/,
    );
    assert.match(
      (lookup.instruction(missing) as { unavailable: string }).unavailable,
      /not found \(looked in .*elsewhere.*profiles\)/,
    );
    assert.match(
      (lookup.instruction("../x") as { unavailable: string }).unavailable,
      /not a profile hash/,
    );
    // An instruction profile is not a Python-level one.
    assert.match((lookup.python(good.hash) as { unavailable: string }).unavailable, /schema/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("profiles beside stored records are found from the record's path, and are no records", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const saved = await saveProfile(profilesDir(dir), PROFILE);
    const record = buildRunRecord({
      ...fixtureRunRecord(),
      cells: [{
        ...withCounts(fixtureCell(), [100]),
        instructions: {
          ...withCounts(fixtureCell(), [100]).instructions!,
          profiles: [saved.hash],
        },
      }],
    });
    const path = await saveRunRecord(dir, record);
    assert.deepEqual(profileDirsOf(path).slice(0, 1), [profilesDir(dir)]);
    const lookup = await loadRunProfiles([{ record, path }]);
    assert.deepEqual(lookup.instruction(saved.hash), PROFILE);
    const listing = await listRunRecords(dir);
    assert.equal(listing.records.length, 1);
    assert.deepEqual(listing.problems, []);
    assert.deepEqual(listing.others, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
