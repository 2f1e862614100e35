/**
 * `parseCallgrindOutput()`: reads one callgrind output file (one part, written by a dump) into its
 * event names, totals and per-function self and inclusive costs.
 *
 * The format (valgrind's docs/cl-format): a header of `key: value` lines (`events:`, `positions:`,
 * `summary:`, `desc:` …), then cost lines grouped under `ob=` (object), `fl=` (file) and `fn=`
 * (function) specifications, with `cob=`/`cfi=`/`cfl=`/`cfn=` naming the callee of the next `calls=`
 * line, whose following cost line is the inclusive cost of that call. Names are compressed: the
 * first mention is `(id) name`, later ones `(id)` alone; `cfn` shares the `fn` ids, `cob` the `ob`
 * ids, and `cfi`/`cfl`/`fi`/`fe` the `fl` ids. A cost line is the position columns (`positions:`,
 * absolute or relative `+n`/`-n`/`*`) then the events in `events:` order, trailing zeros omitted.
 *
 * Self cost of a function: its cost lines that are not call costs. Inclusive cost: self plus the
 * call costs written under it (as `callgrind_annotate --inclusive=yes` sums them; recursion can
 * make it exceed the total). Inlined code (`fi=`/`fe=`) counts for the enclosing `fn`.
 */

export class CallgrindFormatError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = "CallgrindFormatError";
  }
}

export interface CallgrindFunction {
  /** Object (shared library or executable) the function is in, `???` when unknown. */
  object: string;
  /** Source file as callgrind knows it, `???` without debug info. */
  file: string;
  name: string;
  /** Costs in `events` order. */
  self: number[];
  inclusive: number[];
  /** Calls made from this function (sum of `calls=` counts). */
  callsOut: number;
}

export interface CallgrindPart {
  /** Event names in column order (e.g. Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw). */
  events: string[];
  /** `totals:` (else `summary:`, else the sum of self costs), in `events` order. */
  totals: number[];
  /** `part:` number, 1 for the first dump. */
  part: number | null;
  pid: number | null;
  cmd: string | null;
  /** `desc:` lines (`I1 cache`, `Trigger` …). */
  desc: Record<string, string>;
  functions: CallgrindFunction[];
}

const NAME_SPEC = /^(ob|fl|fi|fe|fn|cob|cfi|cfl|cfn)=\s*(?:\((\d+)\))?\s*(.*)$/;

type Space = "ob" | "fl" | "fn";
const SPACE: Record<string, Space> = {
  ob: "ob",
  cob: "ob",
  fl: "fl",
  fi: "fl",
  fe: "fl",
  cfi: "fl",
  cfl: "fl",
  fn: "fn",
  cfn: "fn",
};

const TWO_TO_64 = 1n << 64n;
const TWO_TO_63 = 1n << 63n;

/**
 * Callgrind writes costs as unsigned 64-bit numbers. When collection is toggled inside a call
 * (client requests), a part's cache-miss counts can come out a few dozen below zero, written
 * wrapped around (2^64 − 32 for −32): such values are read back as the signed numbers they are.
 */
function cost(field: string, line: number): number {
  if (!/^\d+$/.test(field)) throw new CallgrindFormatError(`"${field}" is not a cost`, line);
  if (field.length < 16) return Number(field);
  let value = BigInt(field);
  if (value >= TWO_TO_64) throw new CallgrindFormatError(`"${field}" is beyond 64 bits`, line);
  if (value >= TWO_TO_63) value -= TWO_TO_64;
  const result = Number(value);
  if (!Number.isSafeInteger(result)) {
    throw new CallgrindFormatError(
      `"${field}" is beyond the integers this reader holds exactly`,
      line,
    );
  }
  return result;
}

function numbers(fields: string[], count: number, line: number): number[] {
  const values = new Array<number>(count).fill(0);
  if (fields.length > count) {
    throw new CallgrindFormatError(`${fields.length} costs for ${count} events`, line);
  }
  fields.forEach((field, i) => {
    values[i] = cost(field, line);
  });
  return values;
}

function add(into: number[], values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) into[i] += values[i];
}

export function parseCallgrindOutput(text: string): CallgrindPart {
  const lines = text.split(/\r?\n/);
  const names: Record<Space, Map<string, string>> = {
    ob: new Map(),
    fl: new Map(),
    fn: new Map(),
  };
  const desc: Record<string, string> = {};
  let events: string[] | null = null;
  let positions = 1;
  let summary: number[] | null = null;
  let totals: number[] | null = null;
  let part: number | null = null;
  let pid: number | null = null;
  let cmd: string | null = null;
  let parts = 0;

  const byKey = new Map<string, CallgrindFunction>();
  let object = "???";
  let file = "???";
  let current: CallgrindFunction | null = null;
  let pendingCall = false;

  const resolve = (spec: string, id: string | undefined, rest: string, line: number): string => {
    const space = SPACE[spec];
    const table = names[space];
    const name = rest.trim();
    if (id === undefined) return name === "" ? "???" : name;
    if (name !== "") {
      table.set(id, name);
      return name;
    }
    const known = table.get(id);
    if (known === undefined) {
      throw new CallgrindFormatError(`${spec}=(${id}) used before it was named`, line);
    }
    return known;
  };

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    const number = index + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const first = line[0];
    if ((first >= "0" && first <= "9") || first === "+" || first === "-" || first === "*") {
      if (events === null) throw new CallgrindFormatError("a cost line before `events:`", number);
      if (current === null) throw new CallgrindFormatError("a cost line outside any fn=", number);
      const fields = line.split(/\s+/).slice(positions);
      const costs = numbers(fields, events.length, number);
      if (pendingCall) {
        add(current.inclusive, costs);
        pendingCall = false;
      } else {
        add(current.self, costs);
        add(current.inclusive, costs);
      }
      continue;
    }
    const spec = NAME_SPEC.exec(line);
    if (spec !== null) {
      const [, key, id, rest] = spec;
      const name = resolve(key, id, rest, number);
      if (events === null) throw new CallgrindFormatError(`${key}= before \`events:\``, number);
      switch (key) {
        case "ob":
          object = name;
          break;
        case "fl":
          file = name;
          break;
        case "fn": {
          const mapKey = `${object}\u0000${file}\u0000${name}`;
          let fn = byKey.get(mapKey);
          if (fn === undefined) {
            fn = {
              object,
              file,
              name,
              self: new Array<number>(events.length).fill(0),
              inclusive: new Array<number>(events.length).fill(0),
              callsOut: 0,
            };
            byKey.set(mapKey, fn);
          }
          current = fn;
          break;
        }
          // cob/cfi/cfl/cfn name the callee of the next calls= line, and fi/fe mark inlined code:
          // neither moves costs to another function.
      }
      continue;
    }
    if (line.startsWith("calls=")) {
      if (current === null) throw new CallgrindFormatError("calls= outside any fn=", number);
      const count = Number(line.slice("calls=".length).trim().split(/\s+/)[0]);
      if (!Number.isSafeInteger(count)) throw new CallgrindFormatError("bad calls= count", number);
      current.callsOut += count;
      pendingCall = true;
      continue;
    }
    if (/^(jump|jcnd)=/.test(line)) continue;
    const colon = line.indexOf(":");
    if (colon < 0) throw new CallgrindFormatError(`unexpected line "${line.slice(0, 60)}"`, number);
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    switch (key) {
      case "events":
        events = value.split(/\s+/);
        break;
      case "positions":
        positions = value.split(/\s+/).length;
        break;
      case "summary":
        if (events === null) throw new CallgrindFormatError("summary: before events:", number);
        summary = numbers(value.split(/\s+/), events.length, number);
        break;
      case "totals":
        if (events === null) throw new CallgrindFormatError("totals: before events:", number);
        totals = numbers(value.split(/\s+/), events.length, number);
        break;
      case "part":
        parts++;
        if (parts > 1) {
          throw new CallgrindFormatError(
            "more than one part in one file (use one file per dump)",
            number,
          );
        }
        part = Number(value);
        break;
      case "pid":
        pid = Number(value);
        break;
      case "cmd":
        cmd = value;
        break;
      case "desc": {
        const at = value.indexOf(":");
        if (at > 0) desc[value.slice(0, at).trim()] = value.slice(at + 1).trim();
        break;
      }
      default:
        // version, creator, event: (long names), … carry nothing we use.
        break;
    }
  }
  if (events === null) {
    throw new CallgrindFormatError("no `events:` line: not a callgrind output", 1);
  }
  const functions = [...byKey.values()];
  let resolvedTotals = totals ?? summary;
  if (resolvedTotals === null) {
    resolvedTotals = new Array<number>(events.length).fill(0);
    for (const fn of functions) add(resolvedTotals, fn.self);
  }
  return { events, totals: resolvedTotals, part, pid, cmd, desc, functions };
}
