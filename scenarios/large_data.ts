/**
 * large_data: bulk payloads — float64 matrices, stacks of images as int32 arrays, wide tables as
 * DataFrames, and long lists of plain JSON rows. 1 – 10 MB per record; these records measure
 * throughput, where per-call overheads vanish. Built as JSON text row by row while they are
 * written (`fitRows()`), so generating them takes memory of a few rows, not of a record.
 */

import type { Faker } from "@faker-js/faker";
import { fitRows, frameAround, rowsMarker } from "../lib/generate/fit_rows.ts";
import type { JsonText } from "../lib/generate/json_text.ts";
import type { Rng } from "../lib/_common/prng.ts";
import {
  chance,
  dateBefore,
  datetimeBefore,
  referenceMicros,
  uniform,
  uuid4,
} from "../lib/generate/random_values.ts";
import type { Scenario } from "../lib/generate/scenario.ts";
import {
  dataframeValue,
  datetimeValue,
  ndarrayValue,
  type Scalar,
} from "../lib/generate/typed_values.ts";

const SIZE_RANGE = [1_000_000, 10_000_000] as const;

type LargeKind = (r: Rng, f: Faker, targetBytes: number, what: string) => JsonText;

/** A float64 matrix [rows, columns] of measurements with 6 decimals. */
const matrix: LargeKind = (r, f, targetBytes, what) => {
  const columns = r.pick([16, 64, 256]);
  const scale = r.pick([1, 100, 10_000]);
  const header = {
    kind: "matrix",
    name: `${f.word.adjective()}_${f.word.noun()}`.toLowerCase(),
    created_at: datetimeBefore(r, f, 30),
    units: r.pick(["m/s", "kPa", "V", "lux", "mm"]),
  };
  return fitRows({
    targetBytes,
    sizeRange: SIZE_RANGE,
    what,
    createRows() {
      const rows = r.fork("rows");
      const row = new Array<number>(columns);
      return {
        next() {
          for (let c = 0; c < columns; c++) row[c] = uniform(rows, -scale, scale, 6);
          return row.join(",");
        },
        frame: (n) =>
          frameAround({
            ...header,
            values: ndarrayValue("float64", [n, columns], rowsMarker<number>()),
          }),
      };
    },
  });
};

/** A stack of 8-bit grayscale images stored as int32 [images, height, width], with labels. */
const imageStack: LargeKind = (r, f, targetBytes, what) => {
  const side = r.pick([16, 28, 32]);
  const header = {
    kind: "image_stack",
    dataset_id: uuid4(r),
    captured_on: dateBefore(r, f, 0, 365),
  };
  return fitRows({
    targetBytes,
    sizeRange: SIZE_RANGE,
    what,
    frameBytesPerRow: 2, // one digit and a comma in `labels`
    createRows() {
      const rows = r.fork("rows");
      const pixels = new Array<number>(side * side);
      const labels: number[] = [];
      return {
        next() {
          for (let i = 0; i < pixels.length; i += 4) {
            const word = rows.nextUint32();
            for (let k = 0; k < 4 && i + k < pixels.length; k++) {
              pixels[i + k] = (word >>> (8 * k)) & 0xff;
            }
          }
          labels.push(rows.int(0, 9));
          return pixels.join(",");
        },
        frame: (n) =>
          frameAround({
            ...header,
            images: ndarrayValue("int32", [n, side, side], rowsMarker<number>()),
            labels: ndarrayValue("int64", [n], labels.slice(0, n)),
          }),
      };
    },
  });
};

const STATUSES = ["ok", "ok", "ok", "warn", "error", "timeout"];
const EVENT_COLUMNS = ["seq", "time", "host", "path", "status", "latency_ms", "bytes", "cached"];

/** A wide event log as a DataFrame. */
const eventTable: LargeKind = (r, f, targetBytes, what) => {
  const hosts = Array.from({ length: 32 }, () => f.internet.domainName());
  const paths = Array.from({ length: 32 }, () => `/${f.word.noun().toLowerCase()}`);
  const header = { kind: "event_table", table_id: uuid4(r), exported_at: datetimeBefore(r, f, 7) };
  const start = referenceMicros(f) - r.int(1, 30) * 86_400_000_000;
  return fitRows({
    targetBytes,
    sizeRange: SIZE_RANGE,
    what,
    createRows() {
      const rows = r.fork("rows");
      let t = start;
      return {
        next(k) {
          t += rows.int(0, 50_000);
          return JSON.stringify([
            k,
            datetimeValue(t, 0).v,
            rows.pick(hosts),
            rows.pick(paths),
            rows.pick(STATUSES),
            uniform(rows, 0.1, 900, 3),
            rows.int(0, 2_000_000),
            chance(rows, 0.3),
          ]);
        },
        frame: () =>
          frameAround({ ...header, frame: dataframeValue(EVENT_COLUMNS, rowsMarker<Scalar[]>()) }),
      };
    },
  });
};

/** A long list of plain JSON rows (what `json.dumps` of a query result sees). */
const rowList: LargeKind = (r, f, targetBytes, what) => {
  const names = Array.from({ length: 128 }, () => f.person.fullName());
  const cities = Array.from({ length: 64 }, () => f.location.city());
  const header = { kind: "row_list", source: f.company.name() };
  const refDays = Math.floor(referenceMicros(f) / 86_400_000_000);
  return fitRows({
    targetBytes,
    sizeRange: SIZE_RANGE,
    what,
    createRows() {
      const rows = r.fork("rows");
      return {
        next(k) {
          const name = rows.pick(names);
          return JSON.stringify({
            id: k + 1,
            name,
            email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}${k}@example.com`,
            city: rows.pick(cities),
            balance: uniform(rows, -500, 25_000, 2),
            visits: rows.int(0, 400),
            active: chance(rows, 0.85),
            joined: new Date((refDays - rows.int(0, 3650)) * 86_400_000).toISOString().slice(0, 10),
          });
        },
        frame: () => frameAround({ ...header, rows: rowsMarker() }),
      };
    },
  });
};

const KINDS: readonly (readonly [string, LargeKind])[] = [
  ["matrix", matrix],
  ["image_stack", imageStack],
  ["event_table", eventTable],
  ["row_list", rowList],
];

export const largeData: Scenario = {
  name: "large_data",
  description: "Bulk data: float64 matrices, image stacks, event tables (DataFrames), row lists",
  defaultCount: 20,
  sizeRange: SIZE_RANGE,
  tier: "ml_complex",
  generate(rng, faker, targetBytes) {
    const [kind, build] = rng.pick(KINDS);
    return build(rng, faker, targetBytes, `large_data/${kind}`);
  },
};
