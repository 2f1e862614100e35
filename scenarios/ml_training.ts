/**
 * ml_training: what a training pipeline saves — sensor time series, feature matrices with labels,
 * model weights of a small MLP, and mixed-type tables — as numpy arrays (`ndarray`) and pandas
 * DataFrames (`dataframe`), with datetimes, dates, tuples, complex spectra, special floats and
 * bytes around them. 100 KB – 1 MB per record.
 */

import type { Faker } from "@faker-js/faker";
import { fitToSize, type RecordBuilder, withFreshStreams } from "../lib/generate/fit_to_size.ts";
import type { Rng } from "../lib/_common/prng.ts";
import {
  approxNormal,
  chance,
  dateBefore,
  datetimeBefore,
  randomBytes,
  referenceMicros,
  roundTo,
  uniform,
  UTC_OFFSETS_MINUTES,
  uuid4,
} from "../lib/generate/random_values.ts";
import type { Scenario } from "../lib/generate/scenario.ts";
import {
  bytesValue,
  complexValue,
  dataframeValue,
  datetimeValue,
  ndarrayValue,
  type Scalar,
  setValue,
  specialFloatValue,
  tupleValue,
} from "../lib/generate/typed_values.ts";

const SIZE_RANGE = [100_000, 1_000_000] as const;

const CHANNELS = [
  ["temperature_c", 21, 0.05],
  ["humidity_pct", 45, 0.2],
  ["pressure_hpa", 1013, 0.1],
  ["vibration_g", 0, 0.01],
  ["power_kw", 12, 0.3],
  ["rpm", 1500, 5],
] as const;

/** Random walks, one per channel, rounded to 4 decimals, row-major [rows, channels]. */
function timeSeries(r: Rng, f: Faker, n: number) {
  const channels = CHANNELS.slice(0, r.int(2, CHANNELS.length));
  const interval = r.pick([1, 10, 60, 300]);
  const offset = r.pick(UTC_OFFSETS_MINUTES);
  const startMicros = referenceMicros(f) - r.int(1, 365) * 86_400_000_000;
  const header = {
    kind: "time_series",
    series_id: uuid4(r),
    device: `${f.word.adjective()}-${f.word.noun()}`.toLowerCase(),
    start: datetimeValue(startMicros, offset),
    interval_seconds: interval,
    channels: channels.map(([name]) => name),
    spectrum: Array.from({ length: 8 }, () => complexValue(approxNormal(r, 6), approxNormal(r, 6))),
    calibrated_on: dateBefore(r, f, 30, 400),
  };
  const levels = channels.map(([, base]) => base as number);
  const values: number[] = [];
  const ok: boolean[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < n; row++) {
    for (let c = 0; c < channels.length; c++) {
      levels[c] = roundTo(levels[c] + approxNormal(r, 4) * channels[c][2], 4);
      values.push(levels[c]);
      if (levels[c] < min) min = levels[c];
      if (levels[c] > max) max = levels[c];
    }
    ok.push(!chance(r, 0.01));
  }
  const end = datetimeValue(startMicros + Math.max(0, n - 1) * interval * 1_000_000, offset);
  return {
    ...header,
    end,
    values: ndarrayValue("float64", [n, channels.length], values),
    valid: ndarrayValue("bool", [n], ok),
    stats: {
      rows: n,
      min,
      max,
      first_channel_drift: roundTo(values[(n - 1) * channels.length] - values[0], 4),
      last_anomaly_score: specialFloatValue("nan"),
    },
  };
}

/** Standardized features (float32), integer labels (int64) and a boolean mask. */
function featureMatrix(r: Rng, f: Faker, n: number) {
  const d = r.pick([8, 12, 16, 24]);
  const classes = r.int(2, 6);
  const names = Array.from({ length: d }, (_, k) => `f${k}_${f.word.noun().toLowerCase()}`);
  const x: number[] = [];
  const y: number[] = [];
  const mask: boolean[] = [];
  for (let row = 0; row < n; row++) {
    for (let c = 0; c < d; c++) x.push(approxNormal(r, 4));
    y.push(r.int(0, classes - 1));
    mask.push(chance(r, 0.8));
  }
  return {
    kind: "feature_matrix",
    dataset: `${f.word.adjective()}_${f.word.noun()}`.toLowerCase(),
    created: dateBefore(r, f, 0, 200),
    feature_names: names,
    shape: tupleValue([n, d]),
    split: tupleValue([0.8, 0.1, 0.1]),
    classes: setValue(Array.from({ length: classes }, (_, k) => k)),
    X: ndarrayValue("float32", [n, d], x),
    y: ndarrayValue("int64", [n], y),
    train_mask: ndarrayValue("bool", [n], mask),
  };
}

/** An MLP `input → width × depth → classes`; the knob is the hidden width. */
function modelWeights(r: Rng, f: Faker, width: number) {
  const inputs = r.pick([16, 32, 64]);
  const depth = r.int(2, 5);
  const classes = r.int(2, 10);
  const dims = [inputs, ...Array.from({ length: depth }, () => width), classes];
  const layers = [];
  for (let k = 0; k + 1 < dims.length; k++) {
    const [fanIn, fanOut] = [dims[k], dims[k + 1]];
    const weight: number[] = [];
    for (let i = 0; i < fanIn * fanOut; i++) weight.push(approxNormal(r, 5));
    const bias: number[] = [];
    for (let i = 0; i < fanOut; i++) bias.push(roundTo(approxNormal(r, 5) / 10, 5));
    layers.push({
      name: `dense_${k}`,
      activation: k + 2 === dims.length ? "softmax" : r.pick(["relu", "gelu", "tanh"]),
      weight: ndarrayValue("float32", [fanIn, fanOut], weight),
      bias: ndarrayValue("float32", [fanOut], bias),
    });
  }
  const epochs = r.int(5, 60);
  return {
    kind: "model_weights",
    model_id: uuid4(r),
    architecture: "mlp",
    framework: r.pick(["torch", "jax", "tensorflow"]),
    trained_at: datetimeBefore(r, f, 90),
    layer_sizes: tupleValue(dims),
    hyperparameters: {
      learning_rate: r.pick([0.1, 0.01, 0.003, 0.001, 0.0003]),
      batch_size: r.pick([32, 64, 128, 256]),
      epochs,
      dropout: uniform(r, 0, 0.5, 2),
      optimizer: r.pick(["adam", "sgd", "adamw", "rmsprop"]),
    },
    metrics: {
      train_loss: uniform(r, 0.01, 1.5, 5),
      val_loss: uniform(r, 0.05, 2, 5),
      val_accuracy: uniform(r, 0.5, 0.99, 4),
      // Diverged steps and unset metrics are real in training logs.
      grad_norm_max: chance(r, 0.3) ? specialFloatValue("inf") : uniform(r, 0.5, 50, 3),
      test_auc: specialFloatValue("nan"),
      best_epoch: r.int(1, epochs),
    },
    rng_state: bytesValue(randomBytes(r, 32)),
    // Leading eigenvalues of the last hidden layer's weight matrix (complex in general).
    weight_spectrum: Array.from(
      { length: 6 },
      () => complexValue(approxNormal(r, 5), approxNormal(r, 5)),
    ),
    layers,
  };
}

const CATEGORIES = ["electronics", "garden", "books", "toys", "grocery", "sports", "beauty"];

/** A DataFrame of mixed column types (ints, ISO timestamps as text, names, floats, bools, nulls). */
function mixedDataset(r: Rng, f: Faker, n: number) {
  const names = Array.from({ length: 64 }, () => f.person.fullName());
  const regions = Array.from({ length: 12 }, () => f.location.state());
  const columns = ["id", "event_time", "customer", "region", "category", "amount", "quantity"];
  columns.push("returned", "score");
  const startMicros = referenceMicros(f) - r.int(30, 365) * 86_400_000_000;
  const rows: Scalar[][] = [];
  let t = startMicros;
  for (let k = 0; k < n; k++) {
    t += r.int(1, 600) * 1_000_000;
    rows.push([
      k + 1,
      datetimeValue(t, 0).v,
      r.pick(names),
      r.pick(regions),
      r.pick(CATEGORIES),
      uniform(r, 1, 2000, 2),
      r.int(1, 12),
      chance(r, 0.05),
      chance(r, 0.1) ? null : uniform(r, 0, 1, 4),
    ]);
  }
  return {
    kind: "mixed_dataset",
    source: f.company.name(),
    collected_on: dateBefore(r, f, 0, 30),
    dtypes: {
      id: "int64",
      event_time: "datetime64[us]",
      customer: "string",
      region: "category",
      category: "category",
      amount: "float64",
      quantity: "int64",
      returned: "bool",
      score: "float64",
    },
    frame: dataframeValue(columns, rows),
  };
}

const KINDS: readonly (readonly [string, RecordBuilder, number])[] = [
  ["time_series", timeSeries, 1],
  ["feature_matrix", featureMatrix, 1],
  ["model_weights", modelWeights, 4],
  ["mixed_dataset", mixedDataset, 1],
];

export const mlTraining: Scenario = {
  name: "ml_training",
  description: "ML data: time series, feature matrices, model weights (numpy arrays) and mixed " +
    "DataFrames",
  defaultCount: 100,
  sizeRange: SIZE_RANGE,
  tier: "ml_complex",
  generate(rng, faker, targetBytes) {
    const [kind, build, minN] = rng.pick(KINDS);
    return fitToSize({
      targetBytes,
      sizeRange: SIZE_RANGE,
      build: withFreshStreams(rng, faker, build),
      minN,
      maxN: 1_000_000,
      what: `ml_training/${kind}`,
    }).value;
  },
};
