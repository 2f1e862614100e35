/**
 * Ratios only where they compare (lib/regression/speed_ratio.ts), through every wording the
 * outputs use: a ratio across fidelity classes is never printed plainly, and output that does not
 * round-trip is never a win.
 */

import assert from "node:assert/strict";
import {
  canWin,
  fastestAtLeastAsFaithful,
  FIDELITY_CLASSES,
  speedRatio,
} from "../../lib/regression/speed_ratio.ts";
import { againstText, changeCell, ratioCell } from "../../lib/report/ratio_text.ts";
import {
  compactText,
  fastestText,
  type HeadlineOperation,
  type Opponent,
} from "../../lib/report/site/headline_ratios.ts";
import type { Fidelity } from "../../lib/results/run_record.ts";

const CLASSES: (Fidelity | null)[] = [...FIDELITY_CLASSES, null];

/** A bare number with ×, or a signed percentage, with nothing that names a fidelity. */
function printedPlainly(text: string): boolean {
  const hasNumber = /\d×|[+−]\d+\.\d%/.test(text);
  const namesFidelity = /exact|lossy|mismatch|error|fidelity unknown|unknown/.test(text);
  return hasNumber && !namesFidelity;
}

Deno.test("speedRatio() is plain only for the same class that round-trips", () => {
  assert.deepEqual(speedRatio({ ns: 200, fidelity: "exact" }, { ns: 100, fidelity: "exact" }), {
    kind: "plain",
    ratio: 2,
    fidelity: "exact",
  });
  assert.equal(
    speedRatio({ ns: 200, fidelity: "lossy" }, { ns: 100, fidelity: "lossy" }).kind,
    "plain",
  );
  // Both round-trip, in different classes: the ratio with both fidelities.
  assert.deepEqual(speedRatio({ ns: 200, fidelity: "lossy" }, { ns: 100, fidelity: "exact" }), {
    kind: "qualified",
    ratio: 2,
    subject: "lossy",
    other: "exact",
  });
  // The same class that does not round-trip: comparable, but neither output is right.
  assert.equal(
    speedRatio({ ns: 1, fidelity: "mismatch" }, { ns: 2, fidelity: "mismatch" }).kind,
    "qualified",
  );
  // Different work: no ratio.
  assert.deepEqual(speedRatio({ ns: 1, fidelity: "mismatch" }, { ns: 7, fidelity: "exact" }), {
    kind: "withheld",
    subject: "mismatch",
    other: "exact",
  });
  assert.equal(
    speedRatio({ ns: 1, fidelity: null }, { ns: 7, fidelity: "exact" }).kind,
    "withheld",
  );
  assert.equal(
    speedRatio({ ns: null, fidelity: "exact" }, { ns: 7, fidelity: "exact" }).kind,
    "none",
  );
  assert.equal(speedRatio({ ns: 1, fidelity: "exact" }, { ns: 0, fidelity: "exact" }).kind, "none");
});

Deno.test("a ratio across fidelity classes is never printed plainly, in any wording", () => {
  for (const a of CLASSES) {
    for (const b of CLASSES) {
      for (const [x, y] of [[100, 682], [682, 100]]) {
        const ratio = speedRatio({ ns: x, fidelity: a }, { ns: y, fidelity: b });
        const cell = ratioCell(ratio);
        const texts = [
          againstText(ratio, "pickle"),
          `${cell.ratio} ${cell.note}`,
          changeCell(ratio),
        ];
        const reference: Opponent = { target: "datason", ns: x, status: "ok", fidelity: a };
        const other: Opponent = { target: "pickle", ns: y, status: "ok", fidelity: b };
        const h: HeadlineOperation = {
          operation: "serialize",
          reference,
          json: { ...other, target: "json" },
          fastest: other,
          passedOver: [],
          competitors: 2,
        };
        texts.push(compactText(h, "json"), compactText(h, "fastest"), fastestText(h));
        const same = a !== null && a === b && canWin(a);
        for (const text of texts) {
          if (same) continue;
          assert.ok(!printedPlainly(text), `${a} vs ${b}: "${text}" prints a bare ratio`);
        }
        if (same) {
          assert.equal(ratioCell(ratio).note, "");
          assert.match(againstText(ratio, "pickle"), /^\d+\.\d+× (slower|faster) than pickle$/);
        }
        if (!canWin(a) && a !== b) {
          for (const text of texts) {
            assert.doesNotMatch(text, /faster/, `${a} vs ${b}: "${text}" presents a win`);
          }
        }
      }
    }
  }
});

Deno.test("the versions' change column says how the fidelity changed instead of a Δ", () => {
  const change = (now: Fidelity, before: Fidelity) =>
    changeCell(speedRatio({ ns: 7_358_389, fidelity: now }, { ns: 1000, fidelity: before }));
  assert.equal(change("exact", "mismatch"), "fidelity changed: mismatch → exact");
  assert.equal(change("lossy", "exact"), "fidelity changed: exact → lossy");
  assert.equal(change("exact", "exact"), "+735738.9%");
  assert.equal(change("mismatch", "mismatch"), "+735738.9% (both mismatch)");
});

Deno.test("fastestAtLeastAsFaithful() picks among competitors at DataSON's fidelity or better", () => {
  const candidates = [
    { target: "msgpack", ns: 100, fidelity: "mismatch" as const },
    { target: "orjson", ns: 200, fidelity: "lossy" as const },
    { target: "pickle", ns: 300, fidelity: "exact" as const },
    { target: "broken", ns: null, fidelity: "exact" as const },
  ];
  const lossy = fastestAtLeastAsFaithful(candidates, "lossy");
  assert.equal(lossy.fastest?.target, "orjson");
  assert.deepEqual(lossy.passedOver.map((c) => c.target), ["msgpack"]);
  const exact = fastestAtLeastAsFaithful(candidates, "exact");
  assert.equal(exact.fastest?.target, "pickle");
  assert.deepEqual(exact.passedOver.map((c) => c.target).sort(), ["msgpack", "orjson"]);
  // DataSON itself does not round-trip: any known fidelity is at least its own.
  assert.equal(fastestAtLeastAsFaithful(candidates, "mismatch").fastest?.target, "msgpack");
  const none = fastestAtLeastAsFaithful([candidates[0]], "exact");
  assert.equal(none.fastest, null);
  assert.deepEqual(none.passedOver.map((c) => c.target), ["msgpack"]);
});

Deno.test("fastestText() names the competitors passed over for a lower fidelity", () => {
  const h: HeadlineOperation = {
    operation: "serialize",
    reference: { target: "datason", ns: 4000, status: "ok", fidelity: "exact" },
    json: null,
    fastest: { target: "pickle", ns: 2000, status: "ok", fidelity: "exact" },
    passedOver: [{ target: "orjson", ns: 500, status: "ok", fidelity: "lossy" }],
    competitors: 3,
  };
  assert.equal(
    fastestText(h),
    "2.00× slower than pickle, the fastest competitor with fidelity at least DataSON's (exact); " +
      "faster with a lower fidelity: orjson (lossy)",
  );
  assert.equal(
    fastestText({ ...h, fastest: null }),
    "no competitor with fidelity at least DataSON's (exact) worked; faster with a lower " +
      "fidelity: orjson (lossy)",
  );
});
