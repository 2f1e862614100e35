/**
 * Ids of the targets the Python runner knows without configuration. Custom targets (config
 * `targets[]`) add to these and may not reuse an id.
 */
export const BUILTIN_TARGETS: readonly string[] = [
  "datason",
  "datason-str",
  "json",
  "pickle",
  "orjson",
  "ujson",
  "msgpack",
  "jsonpickle",
  "simplejson",
  "cbor2",
  "noop",
];
