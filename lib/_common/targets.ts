/**
 * The built-in targets and what a target is. Ids of the targets the Python runner knows without
 * configuration (`BUILTIN_TARGET_IDS` in `lib/bench/python/runner.py`; a test keeps the two lists
 * equal). Custom targets (config
 * `targets[]`) add to these and may not reuse an id.
 *
 * - `datason`: json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s)) in 0.x,
 *   dumps/loads in 2.x; `datason-str`: the version's own string API.
 * - API variants `datason-dump_*` serialize with that function (then json.dumps) and deserialize
 *   with the matching loader; `datason-load_*` serialize with the default and deserialize with that
 *   loader.
 * - Config profiles `datason-cfg-<profile>`: the default composition with that profile's config.
 * - `noop`: identity, measures the loop's own overhead.
 */
export const DATASON_API_TARGETS: readonly string[] = [
  "datason-dump_api",
  "datason-dump_ml",
  "datason-dump_secure",
  "datason-dump_fast",
  "datason-load_smart",
  "datason-load_basic",
];

export const DATASON_CONFIG_TARGETS: readonly string[] = [
  "datason-cfg-default",
  "datason-cfg-performance",
  "datason-cfg-ml",
  "datason-cfg-strict",
  "datason-cfg-api",
];

export const COMPETITOR_TARGETS: readonly string[] = [
  "json",
  "pickle",
  "orjson",
  "ujson",
  "msgpack",
  "jsonpickle",
  "simplejson",
  "cbor2",
];

export const BUILTIN_TARGETS: readonly string[] = [
  "datason",
  "datason-str",
  ...DATASON_API_TARGETS,
  ...DATASON_CONFIG_TARGETS,
  ...COMPETITOR_TARGETS,
  "noop",
];

/**
 * What a target is:
 * - `datason`: any of DataSON's targets (`datason`, `datason-str`, `datason-dump_api`, …), also the
 *   predecessor's ids such as `datason_fast`;
 * - `competitor`: a built-in competitor (`json` and `pickle` included: they are competitors whose
 *   version is the Python version);
 * - `noop`: the identity target that measures the loop;
 * - `custom`: a target declared in the config.
 */
export type TargetKind = "datason" | "competitor" | "noop" | "custom";

/** Standard-library modules: their version is the interpreter's. */
const STDLIB_LIBRARIES = new Set(["json", "pickle", "marshal"]);

function libraryHead(target: string): string {
  return target.toLowerCase().split(/[-._[@:/]/)[0];
}

export function targetKind(target: string): TargetKind {
  if (libraryHead(target) === "datason") return "datason";
  if (target === "noop") return "noop";
  if (COMPETITOR_TARGETS.includes(target)) return "competitor";
  return "custom";
}

/**
 * The library whose version a target's timings depend on (`datason`, `orjson`, … from the id's
 * first part), or null when that is the Python version (`json`, `pickle`, `marshal`) or nothing
 * (`noop`).
 */
export function targetLibrary(target: string): string | null {
  const head = libraryHead(target);
  if (head === "" || head === "noop" || STDLIB_LIBRARIES.has(head)) return null;
  return head;
}
