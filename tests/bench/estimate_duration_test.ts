import assert from "node:assert/strict";
import {
  COUNT_CELL_OVERHEAD_SECONDS,
  COUNT_PROCESS_START_SECONDS,
  COUNTED_INSTRUCTIONS_PER_SECOND,
  estimateDuration,
  FAILED_CELL_SECONDS,
  GUESS_DATASON_NS_PER_BYTE,
  GUESS_NS_PER_BYTE,
  guessNsPerByte,
  MEMORY_SLOWDOWN,
  PROCESS_START_SECONDS,
} from "../../lib/bench/estimate_duration.ts";
import { formatDuration } from "../../lib/_common/format.ts";
import type { ScenarioMeasureSettings } from "../../lib/bench/measure_settings.ts";
import { assertClose } from "../helpers/assert_close.ts";
import { fixtureCell, fixtureRunRecord } from "../helpers/run_record_fixture.ts";

const settings: ScenarioMeasureSettings = {
  processes: 2,
  values: 3,
  warmups: 1,
  minValueSeconds: 0.05,
  timeoutSeconds: 60,
  records: 100,
  memory: true,
  time: true,
  instructions: null,
};
const plan = [0, 1].map((round) => ({
  round,
  environment: "default",
  scenario: "api_fast",
  cells: ["orjson/serialize", "json/serialize"],
}));
const summary = (median: number) => ({
  n: 2,
  median,
  mad: 0,
  cv: 0,
  min: median,
  p95: median,
  ci95: null,
});

Deno.test("estimateDuration() composes the profile with stored per-record timings", () => {
  // orjson: 1 ms per record → a 0.1 s pass, so one loop per value; json failed (unsupported) before.
  const history = [fixtureRunRecord({
    cells: [
      fixtureCell({ target: "orjson", summary: summary(1_000_000) }),
      fixtureCell({
        target: "json",
        status: "unsupported",
        nsPerRecord: [],
        rounds: [],
        summary: null,
        error: { type: "TypeError", message: "UUID" },
      }),
    ],
  })];
  const estimate = estimateDuration({
    plan,
    settings: { "default/api_fast": settings },
    records: { "default/api_fast": 100 },
    bytesPerRecord: { api_fast: 0 },
    history,
  });
  const pass = 0.1;
  const expected = 2 * PROCESS_START_SECONDS + // two processes
    2 * (1 + 3) * pass + // warm-up and values in each process
    pass + 2 * pass + // calibration and round trip, once
    2 * (1 + 3 * MEMORY_SLOWDOWN) * pass + // memory after the timing in both processes
    FAILED_CELL_SECONDS; // json fails fast, once
  assertClose(estimate.seconds, expected, 1e-9);
  assert.equal(estimate.fromHistory, 1);
  assert.equal(estimate.calibration, null, "the fixture run kept no per-process settings");
});

Deno.test("estimateDuration() scales by how long the newest comparable run really took", () => {
  const base = fixtureRunRecord({
    startedAt: "2026-11-23T02:00:00.000Z",
    finishedAt: "2026-11-23T02:00:30.000Z",
    cells: [fixtureCell({ target: "orjson", summary: summary(1_000_000), records: 100 })],
    schedule: [{
      round: 0,
      environment: "default",
      scenario: "api_fast",
      cells: ["orjson/serialize"],
    }],
  });
  const history = [{
    ...base,
    config: {
      ...base.config,
      measure: {
        ...base.config.measure,
        scenarios: { "default/api_fast": { ...settings, records: 100 } },
      },
    },
    datasets: { api_fast: { ...base.datasets.api_fast, records: 100, bytes: 0 } },
  }];
  const plain = estimateDuration({
    plan,
    settings: { "default/api_fast": settings },
    records: { "default/api_fast": 100 },
    bytesPerRecord: { api_fast: 0 },
    history: [],
  });
  const scaled = estimateDuration({
    plan: plan.map((p) => ({ ...p, cells: ["orjson/serialize"] })),
    settings: { "default/api_fast": settings },
    records: { "default/api_fast": 100 },
    bytesPerRecord: { api_fast: 0 },
    history,
  });
  assert.ok(plain.calibration === null);
  assert.ok(scaled.calibration !== null);
  // The stored run's formula: start + (1+3)·0.1 + 0.1 + 0.2 + 4·0.1 + start = 3.5 s; it took 30 s.
  assertClose(scaled.calibration!.factor, 3, 1e-9, "clamped at 3");
});

Deno.test("formatDuration() reads naturally", () => {
  assert.equal(formatDuration(42), "42 s");
  assert.equal(formatDuration(600), "10 min");
  assert.equal(formatDuration(3900), "1 h 05 min");
});

Deno.test("estimateDuration() times an environment pinning DataSON V only from runs of V", () => {
  const env = (datason: string) => ({
    python: "3.11.7",
    implementation: "CPython",
    executable: "/env/bin/python",
    freeze: { datason },
    libraries: {},
  });
  // The newest run measured DataSON 0.13.0 (fast) in "default"; an older one 0.12.0 (slow) in
  // "datason-0.12". A PR's "base" pinned to 0.12.0 must be timed like the slow one.
  const history = [
    fixtureRunRecord({
      environments: { default: env("0.13.0") },
      cells: [fixtureCell({ target: "datason", environment: "default", summary: summary(1_000) })],
    }),
    fixtureRunRecord({
      environments: { "datason-0.12": env("0.12.0") },
      cells: [
        fixtureCell({
          target: "datason",
          environment: "datason-0.12",
          summary: summary(1_000_000),
        }),
      ],
    }),
  ];
  const planFor = (environment: string) => [{
    round: 0,
    environment,
    scenario: "api_fast",
    cells: ["datason/serialize"],
  }];
  const estimateFor = (environment: string, datasonVersions: Record<string, string>) =>
    estimateDuration({
      plan: planFor(environment),
      settings: { [`${environment}/api_fast`]: { ...settings, memory: false } },
      records: { [`${environment}/api_fast`]: 100 },
      bytesPerRecord: { api_fast: 0 },
      history,
      datasonVersions,
    });
  const slowPass = 0.1; // 1 ms × 100 records
  const fastPass = 0.0001; // 1 µs × 100 records → 500 loops to reach 0.05 s
  const pinned = estimateFor("base", { base: "0.12.0" });
  assertClose(pinned.seconds, PROCESS_START_SECONDS + 4 * slowPass + slowPass + 2 * slowPass, 1e-9);
  assert.equal(pinned.fromHistory, 1);
  // Not pinned (a checkout folder): any environment's newest timing, i.e. the fast one.
  const unpinned = estimateFor("base", {});
  assertClose(
    unpinned.seconds,
    PROCESS_START_SECONDS + 4 * 0.05 + 0.05 + 2 * fastPass,
    1e-9,
  );
  // A pinned release nobody measured yet: the per-byte guess, not another release's timing.
  assert.equal(estimateFor("base", { base: "0.9.0" }).fromHistory, 0);
});

Deno.test("estimateDuration() takes nothing from cells a stopped run never reached", () => {
  const notReached = (target: string) =>
    fixtureCell({
      target,
      status: "skipped",
      nsPerRecord: [],
      rounds: [],
      summary: null,
      error: { type: "NotMeasured", message: "not measured: the run stopped" },
    });
  const estimate = estimateDuration({
    plan,
    settings: { "default/api_fast": settings },
    records: { "default/api_fast": 100 },
    bytesPerRecord: { api_fast: 0 },
    history: [fixtureRunRecord({ cells: [notReached("orjson"), notReached("json")] })],
  });
  assert.equal(estimate.fromHistory, 0);
  assert.equal(estimate.historyRunId, null);
});

Deno.test("the Valgrind phase: per layout a process start, per cell its overhead and counted passes", () => {
  // A stored count of 2 M instructions per record; 50 records counted, one warm-up pass (run
  // uncounted, a tenth of a counted pass), three layouts, two processes side by side.
  const history = [fixtureRunRecord({
    cells: [fixtureCell({ target: "orjson", instructionsPerRecord: [2e6, 2e6, 2e6] })],
  })];
  const counted: ScenarioMeasureSettings = {
    ...settings,
    time: false,
    instructions: {
      layouts: 3,
      passes: 1,
      warmups: 1,
      records: 50,
      timeoutSeconds: 600,
      concurrency: 2,
    },
  };
  const estimate = estimateDuration({
    plan: [],
    settings: { "default/api_fast": counted },
    records: { "default/api_fast": 100 },
    bytesPerRecord: { api_fast: 0 },
    history,
    countedCells: ["default/api_fast/typed/orjson/serialize"],
  });
  const process = COUNT_PROCESS_START_SECONDS + COUNT_CELL_OVERHEAD_SECONDS +
    (1.1 * 50 * 2e6) / COUNTED_INSTRUCTIONS_PER_SECOND;
  assertClose(estimate.countSeconds, (3 * process) / 2, 1e-9);
  assertClose(estimate.seconds, estimate.countSeconds, 1e-9);
});

Deno.test("slots of one group share their process's start; Valgrind starts once per slot and layout", () => {
  const history = [fixtureRunRecord({
    cells: [
      fixtureCell({ target: "orjson", summary: summary(1_000_000), instructionsPerRecord: [2e6] }),
      fixtureCell({
        scenario: "edge_cases",
        target: "orjson",
        summary: summary(1_000_000),
        instructionsPerRecord: [2e6],
      }),
    ],
  })];
  const both: ScenarioMeasureSettings = {
    ...settings,
    processes: 1,
    memory: false,
    instructions: {
      layouts: 2,
      passes: 1,
      warmups: 1,
      records: 50,
      timeoutSeconds: 600,
      concurrency: 2,
    },
  };
  const slots = ["api_fast", "edge_cases"].map((scenario) => ({
    round: 0,
    environment: "default",
    scenario,
    cells: ["orjson/serialize"],
  }));
  const input = {
    settings: { "default/api_fast": both, "default/edge_cases": both },
    records: { "default/api_fast": 100, "default/edge_cases": 100 },
    bytesPerRecord: { api_fast: 0, edge_cases: 0 },
    history,
    countedCells: [
      "default/api_fast/typed/orjson/serialize",
      "default/edge_cases/typed/orjson/serialize",
    ],
  };
  const apart = estimateDuration({ ...input, plan: slots });
  const grouped = estimateDuration({
    ...input,
    plan: slots.map((s) => ({ ...s, group: "0/default" })),
  });
  assertClose(apart.seconds - grouped.seconds, PROCESS_START_SECONDS, 1e-9);
  // One Valgrind process per slot and layout: four starts of one cell each, two side by side.
  const cell = COUNT_CELL_OVERHEAD_SECONDS + (1.1 * 50 * 2e6) / COUNTED_INSTRUCTIONS_PER_SECOND;
  assertClose(grouped.countSeconds, (4 * (COUNT_PROCESS_START_SECONDS + cell)) / 2, 1e-9);
  // Round 1 is the whole timing here (one round).
  assertClose(grouped.firstRoundSeconds, grouped.seconds - grouped.countSeconds, 1e-9);
});

Deno.test("without history a DataSON target is guessed slower per byte than a competitor", () => {
  assert.equal(guessNsPerByte("datason/serialize"), GUESS_DATASON_NS_PER_BYTE);
  assert.equal(guessNsPerByte("datason-cfg-ml/deserialize"), GUESS_DATASON_NS_PER_BYTE);
  assert.equal(guessNsPerByte("orjson/serialize"), GUESS_NS_PER_BYTE);
  assert.equal(guessNsPerByte("datasonic/serialize"), GUESS_NS_PER_BYTE, "only DataSON's targets");
});

Deno.test("the two sides of a lockstep pair start together; a duet's values overlap", () => {
  const history = [fixtureRunRecord({
    cells: ["base", "head"].map((environment) =>
      fixtureCell({ environment, target: "orjson", summary: summary(1_000_000) })
    ),
  })];
  const quiet: ScenarioMeasureSettings = { ...settings, processes: 1, memory: false };
  const input = {
    plan: ["base", "head"].map((environment) => ({
      round: 0,
      environment,
      scenario: "api_fast",
      cells: ["orjson/serialize"],
    })),
    settings: { "base/api_fast": quiet, "head/api_fast": quiet },
    records: { "base/api_fast": 100, "head/api_fast": 100 },
    bytesPerRecord: { api_fast: 0 },
    history,
  };
  const apart = estimateDuration(input);
  const lockstep = estimateDuration({ ...input, pairing: "lockstep" });
  const duet = estimateDuration({ ...input, pairing: "duet" });
  const pass = 0.1;
  assertClose(apart.seconds - lockstep.seconds, PROCESS_START_SECONDS, 1e-9);
  // The head side's warm-up and values (4 passes of 0.1 s) run beside the base side's.
  assertClose(lockstep.seconds - duet.seconds, (1 + 3) * pass, 1e-9);
});
