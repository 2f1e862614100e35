/**
 * Ids of the targets the Python runner knows without configuration. Custom targets (config
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
