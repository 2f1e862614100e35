import assert from "node:assert/strict";
import { base, en, Faker } from "@faker-js/faker";
import { fitRows, frameAround, rowsMarker } from "../../lib/generate/fit_rows.ts";
import { fitToSize, SizeFitError, withFreshStreams } from "../../lib/generate/fit_to_size.ts";
import { recordJson } from "../../lib/generate/json_text.ts";
import { createRng } from "../../lib/_common/prng.ts";
import { utf8ByteLength } from "../../lib/generate/utf8_byte_length.ts";

const size = (value: unknown) => utf8ByteLength(JSON.stringify(value));

Deno.test("utf8ByteLength() counts 1–4 bytes per code point like TextEncoder", () => {
  for (const text of ["", "abc", "é", "€", "漢字", "😀", "👩‍👩‍👧‍👦", "a\u0000b", "\u2028"]) {
    assert.equal(utf8ByteLength(text), new TextEncoder().encode(text).length, text);
  }
});

Deno.test("fitToSize() lands within 1% of the target for a record that grows linearly", () => {
  for (const target of [1000, 54_321, 2_000_000]) {
    const fitted = fitToSize({
      targetBytes: target,
      sizeRange: [500, 5_000_000],
      build: (n) => ({ rows: Array.from({ length: n }, (_, k) => k * 7) }),
    });
    assert.equal(fitted.bytes, size(fitted.value));
    assert.ok(Math.abs(fitted.bytes - target) <= target * 0.01, `${fitted.bytes} vs ${target}`);
  }
});

Deno.test("fitToSize() converges for a record whose size grows with the square of the knob", () => {
  const fitted = fitToSize({
    targetBytes: 300_000,
    sizeRange: [100_000, 1_000_000],
    build: (n) => Array.from({ length: n }, () => Array.from({ length: n }, () => 1.5)),
    minN: 1,
  });
  assert.ok(Math.abs(fitted.bytes - 300_000) <= 3000, String(fitted.bytes));
});

Deno.test("fitToSize() keeps the in-range size closest to the target when steps are coarse", () => {
  // Sizes 2, 1001, 2001, …: a 1200 B target in [900, 5000] gets 1001.
  const fitted = fitToSize({
    targetBytes: 1200,
    sizeRange: [900, 5000],
    build: (n) => Array.from({ length: n }, () => "x".repeat(997)),
  });
  assert.equal(fitted.n, 1);
  assert.equal(fitted.bytes, 1001);
});

Deno.test("fitToSize() throws SizeFitError naming the record when no size fits the range", () => {
  assert.throws(
    () =>
      fitToSize({
        targetBytes: 50,
        sizeRange: [10, 100],
        build: () => "x".repeat(500),
        what: "t/kind",
      }),
    (e: unknown) => e instanceof SizeFitError && /t\/kind: the smallest record/.test(e.message),
    "the smallest record is already too big",
  );
  assert.throws(
    () =>
      fitToSize({
        targetBytes: 50,
        sizeRange: [40, 100],
        build: (n) => Array.from({ length: Math.min(n, 3) }, () => 0),
        maxN: 50,
        what: "t/kind",
      }),
    (e: unknown) =>
      e instanceof SizeFitError && /t\/kind: cannot make a record of 40–100 B/.test(e.message),
    "the record stops growing below the range",
  );
});

Deno.test("withFreshStreams() makes build(n) repeatable although it draws random numbers", () => {
  const faker = new Faker({ locale: [en, base] });
  const build = withFreshStreams(createRng(1, "t"), faker, (r, f, n) => ({
    words: Array.from({ length: n }, () => f.word.noun()),
    numbers: Array.from({ length: n }, () => r.nextUint32()),
  }));
  const first = JSON.stringify(build(5));
  build(9);
  assert.equal(JSON.stringify(build(5)), first);
  assert.ok(JSON.stringify(build(9)).startsWith(first.slice(0, 20)));
});

Deno.test("fitRows() writes exactly JSON.stringify of the equivalent value, near the target", () => {
  const text = fitRows({
    targetBytes: 200_000,
    sizeRange: [100_000, 1_000_000],
    createRows() {
      const r = createRng(9, "rows");
      return {
        next: () => `${r.int(0, 999)},${r.int(0, 999)},${r.next()}`,
        frame: (n) => frameAround({ shape: [n, 3], data: rowsMarker<number>(), after: "é" }),
      };
    },
  });
  const json = text.toString();
  const parsed = JSON.parse(json);
  assert.equal(json, JSON.stringify(parsed), "text is canonical JSON.stringify output");
  assert.equal(text.bytes, utf8ByteLength(json));
  assert.equal(parsed.data.length, parsed.shape[0] * 3);
  assert.ok(Math.abs(text.bytes - 200_000) < 40, `${text.bytes}`);
  assert.equal(recordJson(text), text);
  // A second iteration regenerates the same rows.
  assert.equal(text.toString(), json);
});

Deno.test("fitRows() reports a record that cannot reach the range", () => {
  assert.throws(
    () =>
      fitRows({
        targetBytes: 5000,
        sizeRange: [4000, 6000],
        maxRows: 3,
        what: "t/rows",
        createRows: () => ({ next: () => "1", frame: () => frameAround([rowsMarker()]) }),
      }),
    (e: unknown) => e instanceof SizeFitError && /t\/rows: 3 rows make 9 B/.test(e.message),
  );
});
