"""datason-bench runner, protocol v1 (stdlib only, Python >= 3.8).

The orchestrator (datason-bench, TypeScript) writes this file to a temporary folder and starts it as
``python -X utf8 runner.py`` with that folder as the working directory, so a DataSON checkout in the
caller's folder cannot shadow the installed package.

Streams
    At start the runner duplicates fd 1 for the protocol (``os.dup(1)``), points fd 1 at stderr
    (``os.dup2(2, 1)``) and rebinds ``sys.stdout`` to stderr: no ``print()``, C extension or
    ``os.write(1, ...)`` of a benchmarked library can corrupt the protocol stream. Requests arrive on
    stdin, one JSON object per line; every request gets exactly one reply line (``exit`` excepted).
    A malformed request (not JSON, not an object, unknown ``type``, missing or invalid fields) gets an
    ``{"type": "error", ...}`` reply and the runner goes on reading. When a request carries an ``id``
    the reply echoes it. SIGINT is ignored: the orchestrator owns the process's life.

Requests and replies
    hello   -> hello   python, implementation, platform, executable, every benchmarked library's
                       version and the APIs that version offers, the availability of every built-in
                       target (``targets``: id -> null or the reason it is unavailable), how each
                       available one calls its library per tier (``descriptions``: id -> {"typed",
                       "json", and for competitors "docs": the documentation the typed adapter
                       follows}), the full list of installed distributions (``freeze``) and how RSS
                       is measured (``memory``).
    load    -> loaded  reads a dataset file (header line + record lines), SHA-256 of the whole file
                       (checked against ``sha256`` when the request gives one), typed values
                       hydrated into native objects, only the first ``limit`` records kept; the
                       reply names the records' ``tier`` (below).
    measure -> result  times one (target, operation) over the loaded records.
    memory  -> memory  untimed: tracemalloc peak and peak-RSS growth of one pass.
    count-check, count -> count-check, counted
                       instruction counts under callgrind (below, "Instruction counts").
    pyprofile -> pyprofiled
                       untimed: which Python functions one pass runs (below, "Python-level
                       profile").
    exit               no reply; the process exits 0. End of stdin does the same.

Tiers
    Competitors are measured on two tiers of the same records, and the tier is a property of the
    loaded records, so it comes from the load (never from the measure request):
    ``typed``  a typed dataset file (``<scenario>.jsonl``) loaded with its typed values hydrated
               (the default). Each competitor runs its typed-tier adapter: called the way its own
               documentation tells a user to handle such values (``COMPETITORS`` below; e.g.
               ``json.dumps(x, default=encode) / json.loads(s)``).
    ``json``   a JSON-tier file (``<scenario>.json-tier.jsonl``, header ``"tier": "json"``: the
               records projected by ``generate`` to JSON-native values), or a typed file loaded
               with ``"view": "json"`` (typed values left as their ``{"__type__", "v"}`` objects,
               as ``calibrate`` uses it). Every competitor runs its plain API, no options.
    DataSON's targets, custom targets and ``noop`` make the same calls on both tiers. Deciding by
    the data keeps the target spec (and the cache of resolved targets, and a cell's identity) free
    of a field that could contradict the records, and older requests keep working: a load without
    ``view`` of a typed file is the typed tier.

Measurement (``measure``)
    serialize = native object -> wire (text or bytes); deserialize = wire -> native object. The wire
    inputs of ``deserialize`` are produced untimed by the same target's serialize. With
    ``"fidelity": false`` (later processes of a run, once round 1 knew the answer) the round trip,
    its check and the output bytes are skipped (reply fields null); serialize then starts timing at
    once. A pass calls the
    operation once per loaded record, discarding results. One value = elapsed ns of ``loops`` passes
    / (loops x records). ``loops`` comes from the request or is calibrated (1, then grown from the
    measured time until one value lasts >= ``minValueSeconds``); then ``warmups`` values are
    measured and discarded, then ``values`` values are returned.

    Garbage collector: enabled during a value (collecting the garbage a serializer creates is part of
    its cost, and disabling it would let large_data grow without bound), ``gc.collect()`` before each
    value so every value starts from the same heap state, and the collector's state (enabled flag and
    thresholds) saved before and restored after every value, so a target that disables or retunes the
    collector cannot affect the next value or target. A request may set ``"gc": "disabled"`` to time
    with the collector off, as ``timeit`` does.

    Injected slowdown (``"slowdown": f``, for ``calibrate``): the target repeats exactly the fraction
    ``f`` of its work in every value. The work of one value is ``loops`` full passes over the records;
    the slowed copy makes ``f x loops`` additional full passes (not a share of the records: records
    differ in size, so a share of them is not a share of the work). To make ``f x loops`` a whole
    number, ``loops`` is rounded up to a multiple of the smallest q with ``f x q`` integral (q = 20
    for 0.05, 10 for 0.1, 4 for 0.25; f must be a multiple of 0.001). The extra passes are spread
    evenly: after pass p an extra pass runs when floor((p + 1) f) > floor(p f). Values are still
    divided by ``loops x records``, so they come out (1 + f) times the target's time. Any numeric
    ``slowdown`` (also 0) times with this scheduled loop, so an A side sent with ``"slowdown": 0``
    runs the same loop code as its slowed B side.

    Stretched time (``"stretch": f``, for ``calibrate``): after each value's passes the runner
    busy-waits f x their elapsed time, so the value comes out (1 + f) times the target's, whatever
    ``loops`` is (no rounding of ``loops``, unlike ``slowdown``, whose 2% needs 50 passes per value).
    The wait keeps the core busy, as slower code would; a burst that lands in the passes is
    stretched with them, one that lands in the wait is not. ``"stretch": 0`` runs the same code.

Fidelity
    After one round trip (serialize, then deserialize) of every record:
    ``exact``    same types and values everywhere (NaN equals NaN; aware datetimes also by UTC
                 offset; Decimals by value and digits; numpy arrays by dtype, shape and values;
                 DataFrames by columns, index, dtypes and values);
    ``lossy``    equal only after JSON normalisation: tuples and sets become lists, datetimes, dates,
                 times and UUIDs become their ISO/str text (aware datetimes in UTC, so the same
                 instant in another offset is lossy, not a mismatch), Decimals and numeric text compare as
                 numbers, bytes as base64/latin-1/hex text or a list of ints, NaN/Infinity as null,
                 numpy arrays and DataFrames as (lists of) plain values, keys become strings;
    ``mismatch`` not even that (a value changed, went missing or changed shape);
    ``error``    the round trip raised in deserialize, or the comparison itself raised.
    ``fidelityNote`` names the first difference (record index and JSON path).

Memory (``memory``)
    Untimed passes over the records, after the cell's timing in the same process (see
    ``Runner.memory``). ``rssDeltaBytes`` comes from the first, untraced one: the growth of the
    process's peak resident set over the pass, which also sees plain ``malloc``.
    ``peakTracedBytes`` is the smallest peak of up to three passes under tracemalloc with the cyclic
    collector off: Python-allocator traffic only. Peak RSS only
    grows, so: on Linux the runner resets the kernel's high-water mark (``/proc/self/clear_refs`` =
    5) right before the pass and reads ``VmHWM`` (``rssMethod: "vmhwm-reset"``); elsewhere it reports
    the growth of ``VmHWM`` (Linux without the reset), of ``ru_maxrss`` (other POSIX; bytes on macOS)
    or of the peak working set (Windows), which only sees a pass whose peak exceeds every earlier
    peak of the process. Memory requests come after the cell's timing in the process that timed it:
    the RSS growth is then that of one more pass in a process that already ran the cell (what the
    pass keeps, or needs beyond what the process already held), and without the reset it only sees
    a pass whose peak exceeds every earlier peak of the process. On Linux
    ``ru_maxrss`` is not used at all: a child started by posix_spawn/vfork starts with its parent's
    peak in ``ru_maxrss``.

Python-level profile (``pyprofile``)
    Deterministic counts, never times: after ``warmups`` untraced passes, ``passes`` passes over the
    records run once under ``sys.settrace`` (``"lines": true``, the default) or ``sys.setprofile``
    (``"lines": false``), with the collector off (as in a counted region: a collection would run
    finalizers at moments that differ between runs). Per Python function, keyed by (file,
    qualified name, first line): ``call`` events (a generator's resumptions included) and, under
    settrace, ``line`` events of its own code (not of its callees). The same code over the same
    records gives the same counts on every run (the orchestrator fixes the hash seed). Files are
    written relative to the ``sys.path`` entry they were imported from (``datason/core.py``,
    ``json/encoder.py``, ``runner.py`` for this file), so two environments in two folders name the
    same function alike. At most PYPROFILE_MAX_FUNCTIONS functions are listed, most line events
    first; the rest is one ``other`` remainder. CPython 3.12+ could also give the C-level profile
    Python names through perf maps; that route is not used (it is not testable here).
"""

import base64
import binascii
import datetime
import decimal
import functools
import gc
import hashlib
import importlib
import itertools
import json
import math
import os
import platform
import re
import signal
import struct
import sys
import time
import traceback
import uuid

PROTOCOL = 1
MAX_MESSAGE_CHARS = 2000
DATASET_SCHEMA = "datason-bench/dataset@1"

# ---------------------------------------------------------------------------------------------
# Typed values


class MissingDependency(Exception):
    """A typed value needs a module (numpy, pandas) that this environment lacks."""

    def __init__(self, module, cause):
        Exception.__init__(self, "%s is not installed in this environment (%s)" % (module, cause))
        self.module = module


class DatasetError(Exception):
    pass


def _parse_datetime(text):
    if not isinstance(text, str):
        raise DatasetError("datetime value must be a string, got %s" % type(text).__name__)
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(text)


def _parse_time(text):
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    return datetime.time.fromisoformat(text)


_SPECIAL_FLOATS = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}


def _hydrate_float(v):
    if isinstance(v, str):
        key = v.strip().lower()
        if key in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[key]
        if key in ("infinity", "+inf", "+infinity"):
            return float("inf")
        if key == "-infinity":
            return float("-inf")
    return float(v)


def _require(module):
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependency(module, "%s: %s" % (type(error).__name__, error))


def _hydrate_ndarray(v):
    np = _require("numpy")
    dtype = np.dtype(v["dtype"])
    data = v["data"]
    if dtype.kind == "c":
        data = [complex(x[0], x[1]) if isinstance(x, (list, tuple)) else x for x in data]
    return np.array(data, dtype=dtype).reshape(tuple(v["shape"]))


def _hydrate_dataframe(v):
    pd = _require("pandas")
    frame = pd.DataFrame(v["data"], columns=v["columns"])
    dtypes = v.get("dtypes")
    if isinstance(dtypes, dict):
        frame = frame.astype(dtypes)
    elif isinstance(dtypes, list):
        frame = frame.astype(dict(zip(v["columns"], dtypes)))
    return frame


HYDRATORS = {
    "datetime": _parse_datetime,
    "date": lambda v: datetime.date.fromisoformat(v),
    "time": _parse_time,
    "uuid": lambda v: uuid.UUID(v),
    "decimal": lambda v: decimal.Decimal(v),
    "bytes": lambda v: base64.b64decode(v, validate=True),
    "set": lambda v: set(v),
    "tuple": lambda v: tuple(v),
    "complex": lambda v: complex(v[0], v[1]),
    "float": _hydrate_float,
    "int": lambda v: int(v),
    "ndarray": _hydrate_ndarray,
    "dataframe": _hydrate_dataframe,
}


def hydrate_object(obj):
    """``json.loads`` object_hook: turns ``{"__type__": T, "v": ...}`` into a native object.

    json calls the hook bottom-up, so nested typed values are already native when their parent is
    hydrated, and no recursion of our own is needed however deep the data nests.
    """
    if len(obj) == 2 and "__type__" in obj and "v" in obj:
        kind = obj["__type__"]
        hydrator = HYDRATORS.get(kind)
        if hydrator is None:
            raise DatasetError("unknown typed value %r (known: %s)" % (kind, ", ".join(HYDRATORS)))
        try:
            return hydrator(obj["v"])
        except (MissingDependency, DatasetError):
            raise
        except Exception as error:
            raise DatasetError(
                "cannot hydrate %s value %s: %s: %s"
                % (kind, _short(obj["v"], 80), type(error).__name__, error)
            )
    return obj


def hydrate_line(text):
    """Parses one JSON text with typed values hydrated."""
    return json.loads(text, object_hook=hydrate_object)


# ---------------------------------------------------------------------------------------------
# Datasets


class Dataset:
    def __init__(self, path, header, records, total, nbytes, sha256, skipped, tier="typed"):
        self.path = path
        self.header = header
        self.records = records
        self.total = total
        self.bytes = nbytes
        self.sha256 = sha256
        self.skipped = skipped
        self.tier = tier


TIERS = ("typed", "json")


def load_dataset(path, limit, hydrate=True):
    """Reads a dataset. ``hydrate=False`` is the "json" view: typed values stay the plain JSON
    objects they are written as (``{"__type__": ..., "v": ...}``), so every JSON library can take
    the records; the content and its size are the same.

    A JSON-tier file (header ``"tier": "json"``, written by ``generate`` next to the typed file)
    holds no typed values and is read as plain JSON whatever ``hydrate`` says. The dataset's
    ``tier`` is "json" for such a file and for the "json" view, "typed" for hydrated records."""
    digest = hashlib.sha256()
    records = []
    total = 0
    nbytes = 0
    header = None
    skipped = None
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            digest.update(raw)
            nbytes += len(raw)
            if number == 1:
                try:
                    header = json.loads(raw)
                except ValueError as error:
                    raise DatasetError("line 1 is not JSON: %s" % error)
                if not isinstance(header, dict) or header.get("schema") != DATASET_SCHEMA:
                    raise DatasetError(
                        'line 1 is not a dataset header (expected "schema": "%s")' % DATASET_SCHEMA
                    )
                if header.get("tier", "typed") not in TIERS:
                    raise DatasetError('line 1: "tier" must be "typed" or "json" (got %r)' % header.get("tier"))
                if header.get("tier") == "json":
                    hydrate = False
                continue
            if not raw.strip():
                continue
            total += 1
            if skipped is not None or (limit is not None and len(records) >= limit):
                continue
            try:
                line = hydrate_line(raw) if hydrate else json.loads(raw)
            except MissingDependency as error:
                skipped = "record %d needs %s" % (total - 1, error)
                records = []
                continue
            except DatasetError as error:
                raise DatasetError("line %d: %s" % (number, error))
            except ValueError as error:
                raise DatasetError("line %d is not JSON: %s" % (number, error))
            if not isinstance(line, dict) or "data" not in line:
                raise DatasetError('line %d: a record line needs a "data" field' % number)
            records.append(line["data"])
    if header is None:
        raise DatasetError("the file is empty (no header line)")
    tier = "typed" if hydrate else "json"
    return Dataset(path, header, records, total, nbytes, digest.hexdigest(), skipped, tier)


# ---------------------------------------------------------------------------------------------
# Targets


class Unavailable(Exception):
    """The target's library (or this version of it) does not offer what the target needs."""


class BadTarget(Exception):
    """A custom target definition that cannot work (missing function, not callable)."""


class Target:
    def __init__(self, target_id, serialize, deserialize, description, wire=True):
        self.id = target_id
        self.serialize = serialize
        self.deserialize = deserialize
        self.description = description
        # False only for noop, whose "wire" is the object itself.
        self.wire = wire


def _identity(x):
    return x


def _version_of(module, distribution=None):
    try:
        import importlib.metadata as metadata

        return metadata.version(distribution or module.__name__)
    except Exception:
        version = getattr(module, "__version__", None)
        return str(version) if version is not None else None


def _import(name):
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise Unavailable("%s is not installed in this environment (%s)" % (name, error))
    except Exception as error:
        raise Unavailable("importing %s failed: %s: %s" % (name, type(error).__name__, error))


# Competitors. On the JSON tier (records that are already JSON-native) every competitor runs its
# plain API, no options. On the typed tier (hydrated records: datetimes, UUIDs, Decimals, bytes,
# sets, tuples, complex numbers, ndarrays, DataFrames) each is called the way its own documentation
# tells a user to handle such values: a ``default=`` encoder and the library's own options. Decoding
# uses only the plain ``loads``/``unpackb`` with documented flags that need no encoding scheme of our
# own (no ``object_hook`` tagging), and records are never rewritten before a library sees them.


def encode_for_json(obj):
    """The ``default=`` encoder of the JSON libraries' typed-tier adapters: the library calls it for
    each value it cannot write itself, and it returns a JSON-native stand-in or raises TypeError, as
    https://docs.python.org/3/library/json.html#json.dump ("default") describes."""
    if isinstance(obj, (datetime.datetime, datetime.date, datetime.time)):
        return obj.isoformat()
    if isinstance(obj, (uuid.UUID, decimal.Decimal)):
        return str(obj)
    if isinstance(obj, (bytes, bytearray)):
        return base64.b64encode(obj).decode("ascii")
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if isinstance(obj, complex):
        return [obj.real, obj.imag]
    if _is_ndarray(obj):
        return obj.tolist()
    if _is_numpy_scalar(obj):
        return obj.item()
    if _is_dataframe(obj):
        return obj.to_dict(orient="records")
    raise TypeError("Object of type %s is not JSON serializable" % type(obj).__name__)


def _typed_json(json_module):
    # https://docs.python.org/3/library/json.html#json.dump -- "default"
    dumps, loads = json_module.dumps, json_module.loads

    def serialize(x):
        return dumps(x, default=encode_for_json)

    return serialize, loads, "json.dumps(x, default=encode) / json.loads(s)"


def _typed_simplejson(simplejson):
    # https://simplejson.readthedocs.io/en/latest/#simplejson.dump -- "default"; "encoding": bytes
    # are decoded as text in that encoding (UTF-8), and "If encoding is None, then all bytes objects
    # will be passed to the default function"; "use_decimal" (default true: Decimals are written
    # with all their digits); "allow_nan" (default false since 3.19, in both directions: NaN and
    # +-Infinity are written and read back only with it). loads keeps use_decimal off: it would
    # turn every float of every record into a Decimal, not only the ones that were Decimals.
    dumps, loads = simplejson.dumps, simplejson.loads

    def serialize(x):
        return dumps(x, default=encode_for_json, encoding=None, allow_nan=True)

    def deserialize(s):
        return loads(s, allow_nan=True)

    return serialize, deserialize, (
        "simplejson.dumps(x, default=encode, encoding=None, allow_nan=True) / simplejson.loads(s, allow_nan=True)"
    )


def _typed_ujson(ujson):
    # https://github.com/ultrajson/ultrajson#usage ("a drop in replacement for most other JSON
    # parsers") with dumps' "default" argument (ujson 5.2+, see its type stubs). ujson writes
    # Decimals itself, as floats, without calling default.
    dumps, loads = ujson.dumps, ujson.loads

    def serialize(x):
        return dumps(x, default=encode_for_json)

    return serialize, loads, "ujson.dumps(x, default=encode) / ujson.loads(s)"


def _typed_orjson(orjson):
    # https://github.com/ijl/orjson#default and #option: OPT_SERIALIZE_NUMPY (ndarrays natively),
    # OPT_NAIVE_UTC (naive datetimes as UTC), OPT_NON_STR_KEYS; datetimes, dates, times and UUIDs
    # are native types (#datetime, #uuid). orjson writes NaN and +-Infinity as null (#float) and
    # refuses integers beyond 64 bits without calling default (#int).
    dumps, loads = orjson.dumps, orjson.loads
    option = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NAIVE_UTC | orjson.OPT_NON_STR_KEYS

    def serialize(x):
        return dumps(x, default=encode_for_json, option=option)

    return serialize, loads, (
        "orjson.dumps(x, default=encode, option=OPT_SERIALIZE_NUMPY | OPT_NAIVE_UTC | OPT_NON_STR_KEYS)"
        " / orjson.loads(b)"
    )


MSGPACK_EXT_COMPLEX = 1  # the ext type codes our msgpack default writes
MSGPACK_EXT_BIG_INT = 2


def _typed_msgpack(msgpack):
    # https://github.com/msgpack/msgpack-python#extended-types (default -> ExtType, ext_hook) and
    # the Packer/Unpacker docstrings: datetime=True packs aware datetimes as the Timestamp type,
    # timestamp=3 reads them as UTC datetimes, strict_map_key=False accepts non-str keys. Numbers
    # msgpack has no format for become ext types: complex, and ints beyond 64 bits (msgpack's
    # limit, https://github.com/msgpack/msgpack/blob/master/spec.md#types-limitation; the packer
    # passes them to default since msgpack-python#133). Everything else it cannot pack goes through
    # the JSON encoder (which never sees bytes, tuples or aware datetimes: msgpack packs them).
    packb, unpackb, ext_type = msgpack.packb, msgpack.unpackb, msgpack.ExtType
    pack_pair, unpack_pair = struct.Struct("<dd").pack, struct.Struct("<dd").unpack

    def encode(obj):
        if isinstance(obj, complex):
            return ext_type(MSGPACK_EXT_COMPLEX, pack_pair(obj.real, obj.imag))
        if isinstance(obj, int):
            return ext_type(MSGPACK_EXT_BIG_INT, obj.to_bytes(obj.bit_length() // 8 + 1, "little", signed=True))
        return encode_for_json(obj)

    def ext_hook(code, data):
        if code == MSGPACK_EXT_COMPLEX:
            return complex(*unpack_pair(data))
        if code == MSGPACK_EXT_BIG_INT:
            return int.from_bytes(data, "little", signed=True)
        return ext_type(code, data)

    def serialize(x):
        return packb(x, default=encode, datetime=True)

    def deserialize(b):
        return unpackb(b, timestamp=3, strict_map_key=False, ext_hook=ext_hook)

    return serialize, deserialize, (
        "msgpack.packb(x, default=encode, datetime=True)"
        " / msgpack.unpackb(b, timestamp=3, strict_map_key=False, ext_hook=decode_ext)"
    )


class Competitor:
    def __init__(self, module, serialize, deserialize, wire, typed, docs):
        self.module = module
        self.serialize = serialize  # the plain API: the JSON tier, and the typed tier without ``typed``
        self.deserialize = deserialize
        self.wire = wire  # what serialize returns: "s" (text) or "b" (bytes), for the description
        self.typed = typed  # module -> (serialize, deserialize, description) for the typed tier
        self.docs = docs  # the documentation the typed tier follows


# The one table of competitors (their ids are built-in target ids, lib/config/builtin_targets.ts).
COMPETITORS = {
    "json": Competitor("json", "dumps", "loads", "s", _typed_json,
                       "https://docs.python.org/3/library/json.html#json.dump"),
    "pickle": Competitor("pickle", "dumps", "loads", "b", None,
                         "https://docs.python.org/3/library/pickle.html#what-can-be-pickled-and-unpickled"),
    "orjson": Competitor("orjson", "dumps", "loads", "b", _typed_orjson, "https://github.com/ijl/orjson#serialize"),
    "ujson": Competitor("ujson", "dumps", "loads", "s", _typed_ujson, "https://github.com/ultrajson/ultrajson#usage"),
    "msgpack": Competitor("msgpack", "packb", "unpackb", "b", _typed_msgpack,
                          "https://github.com/msgpack/msgpack-python#extended-types"),
    "jsonpickle": Competitor("jsonpickle", "encode", "decode", "s", None, "https://jsonpickle.github.io/"),
    "simplejson": Competitor("simplejson", "dumps", "loads", "s", _typed_simplejson,
                             "https://simplejson.readthedocs.io/en/latest/#simplejson.dump"),
    "cbor2": Competitor("cbor2", "dumps", "loads", "b", None,
                        "https://cbor2.readthedocs.io/en/latest/usage.html"),
}

DATASON_FUNCTIONS = [
    "serialize",
    "deserialize",
    "dumps",
    "loads",
    "dump",
    "load",
    "dumps_json",
    "loads_json",
    "dump_api",
    "dump_ml",
    "dump_secure",
    "dump_fast",
    "load_smart",
    "load_basic",
    "load_typed",
    "load_perfect",
    "get_default_config",
    "get_performance_config",
    "get_ml_config",
    "get_strict_config",
    "get_api_config",
    "performance_config",
    "ml_config",
    "strict_config",
    "api_config",
    "config",
    "SerializationConfig",
]

DATASON_DUMP_LOADER = {"api": "load_smart", "ml": "load_smart", "secure": "load_smart", "fast": "load_basic"}
DATASON_PROFILES = ["default", "performance", "ml", "strict", "api"]

BUILTIN_TARGET_IDS = (
    ["datason", "datason-str"]
    + ["datason-dump_" + v for v in ["api", "ml", "secure", "fast"]]
    + ["datason-load_smart", "datason-load_basic"]
    + ["datason-cfg-" + p for p in DATASON_PROFILES]
    + list(COMPETITORS)
    + ["noop"]
)


def _has(module, name):
    return callable(getattr(module, name, None))


def _returns_text(function):
    """Probes whether a datason dumps-like function returns text (0.11.2 to 0.13 return a dict)."""
    try:
        return isinstance(function({"probe": [1, "x"]}), (str, bytes))
    except Exception:
        return False


def _datason_default(ds):
    """The default composition: JSON text via the version's native-object API."""
    if _has(ds, "serialize") and _has(ds, "deserialize"):
        ser, de = ds.serialize, ds.deserialize
        dumps, loads = json.dumps, json.loads

        def serialize(x):
            return dumps(ser(x))

        def deserialize(s):
            return de(loads(s))

        return serialize, deserialize, "json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s))"
    if _has(ds, "dumps") and _has(ds, "loads") and _returns_text(ds.dumps):
        return ds.dumps, ds.loads, "datason.dumps / datason.loads"
    raise Unavailable("datason %s has neither serialize/deserialize nor a text dumps/loads" % _version_of(ds))


def _datason_text_api(ds):
    if _has(ds, "dumps_json") and _has(ds, "loads_json"):
        return ds.dumps_json, ds.loads_json, "datason.dumps_json / datason.loads_json"
    if _has(ds, "dumps") and _has(ds, "loads") and _returns_text(ds.dumps):
        return ds.dumps, ds.loads, "datason.dumps / datason.loads"
    raise Unavailable(
        "datason %s has no string API (no dumps_json/loads_json, and dumps does not return text)"
        % _version_of(ds)
    )


def resolve_datason(target_id):
    ds = _import("datason")
    version = _version_of(ds)
    if target_id == "datason":
        ser, de, how = _datason_default(ds)
        return Target(target_id, ser, de, how)
    if target_id == "datason-str":
        ser, de, how = _datason_text_api(ds)
        return Target(target_id, ser, de, how)
    if target_id.startswith("datason-dump_"):
        variant = target_id[len("datason-dump_"):]
        dump_name = "dump_" + variant
        loader_name = DATASON_DUMP_LOADER[variant]
        missing = [n for n in (dump_name, loader_name) if not _has(ds, n)]
        if missing:
            raise Unavailable("datason %s has no %s" % (version, " or ".join(missing)))
        dump, loader = getattr(ds, dump_name), getattr(ds, loader_name)
        dumps, loads = json.dumps, json.loads
        if _returns_text(dump):
            serialize = dump
        else:

            def serialize(x):
                return dumps(dump(x))

        def deserialize(s):
            return loader(loads(s))

        return Target(
            target_id, serialize, deserialize,
            "json.dumps(datason.%s(x)) / datason.%s(json.loads(s))" % (dump_name, loader_name),
        )
    if target_id.startswith("datason-load_"):
        loader_name = target_id[len("datason-"):]
        if not _has(ds, loader_name):
            raise Unavailable("datason %s has no %s" % (version, loader_name))
        serialize, _, how = _datason_default(ds)
        loader = getattr(ds, loader_name)
        loads = json.loads

        def deserialize(s):
            return loader(loads(s))

        return Target(target_id, serialize, deserialize, how.split(" / ")[0] + " / datason.%s(json.loads(s))" % loader_name)
    if target_id.startswith("datason-cfg-"):
        profile = target_id[len("datason-cfg-"):]
        if profile not in DATASON_PROFILES:
            raise BadTarget("unknown DataSON config profile %r" % profile)
        getter_0x = "get_%s_config" % profile
        if _has(ds, getter_0x) and _has(ds, "serialize") and _has(ds, "deserialize"):
            config = getattr(ds, getter_0x)()
            ser, de = ds.serialize, ds.deserialize
            dumps, loads = json.dumps, json.loads

            def serialize(x):
                return dumps(ser(x, config=config))

            def deserialize(s):
                return de(loads(s))

            return Target(
                target_id, serialize, deserialize,
                "json.dumps(datason.serialize(x, config=datason.%s())) / datason.deserialize(json.loads(s))"
                % getter_0x,
            )
        factory_2x = "%s_config" % profile
        if _has(ds, "dumps") and _has(ds, "loads") and _returns_text(ds.dumps):
            if profile == "default" and _has(ds, "SerializationConfig"):
                config = ds.SerializationConfig()
                made = "datason.SerializationConfig()"
            elif _has(ds, factory_2x):
                config = getattr(ds, factory_2x)()
                made = "datason.%s()" % factory_2x
            else:
                raise Unavailable("datason %s has no %s or %s" % (version, getter_0x, factory_2x))
            fields = _config_fields(config)
            dumps, loads = ds.dumps, ds.loads

            def serialize(x):
                return dumps(x, **fields)

            def deserialize(s):
                return loads(s, **fields)

            return Target(target_id, serialize, deserialize,
                          "datason.dumps(x, **fields of %s) / datason.loads(s, **same)" % made)
        raise Unavailable("datason %s has no %s" % (version, getter_0x))
    raise BadTarget("unknown built-in target %r" % target_id)


def _config_fields(config):
    fields = getattr(config, "__dataclass_fields__", None)
    if fields:
        return {name: getattr(config, name) for name in fields}
    return dict(vars(config))


def resolve_competitor(target_id, tier):
    """The plain API on the JSON tier (and for libraries used as they are), else the typed adapter."""
    competitor = COMPETITORS[target_id]
    module = _import(competitor.module)
    if tier == "typed" and competitor.typed is not None:
        serialize, deserialize, description = competitor.typed(module)
        return Target(target_id, serialize, deserialize, description)
    return Target(target_id, getattr(module, competitor.serialize), getattr(module, competitor.deserialize),
                  "%s.%s(x) / %s.%s(%s)" % (competitor.module, competitor.serialize,
                                            competitor.module, competitor.deserialize, competitor.wire))


def _attribute(module, dotted, what):
    value = module
    for part in dotted.split("."):
        if not hasattr(value, part):
            raise BadTarget("module %s has no %s %r" % (module.__name__, what, dotted))
        value = getattr(value, part)
    if not callable(value):
        raise BadTarget("%s.%s (%s) is not callable" % (module.__name__, dotted, what))
    return value


def resolve_custom(spec):
    for path in reversed(spec.get("paths") or []):
        if path not in sys.path:
            sys.path.insert(0, path)
    module = _import(spec["module"])
    serialize = _attribute(module, spec["serialize"], "serialize function")
    deserialize = _attribute(module, spec["deserialize"], "deserialize function")
    return Target(spec["id"], serialize, deserialize,
                  "%s.%s / %s.%s" % (spec["module"], spec["serialize"], spec["module"], spec["deserialize"]))


def resolve_target(spec, tier="typed"):
    """Resolves a target spec ({"id"} for built-ins, plus module/serialize/deserialize for custom)
    for the tier of the loaded records. Only competitors differ by tier; DataSON, custom targets and
    noop are the same calls on both."""
    target_id = spec["id"]
    if "module" in spec:
        return resolve_custom(spec)
    if target_id == "noop":
        return Target("noop", _identity, _identity, "identity (loop overhead)", wire=False)
    if target_id in COMPETITORS:
        return resolve_competitor(target_id, tier)
    if target_id == "datason" or target_id.startswith("datason-"):
        return resolve_datason(target_id)
    raise BadTarget('unknown target "%s" (custom targets need module, serialize and deserialize)' % target_id)


# ---------------------------------------------------------------------------------------------
# Fidelity


def _tname(x):
    t = type(x)
    return t.__name__ if t.__module__ == "builtins" else "%s.%s" % (t.__module__.split(".")[0], t.__name__)


def _key_path(key):
    if isinstance(key, str) and re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
        return "." + key
    return "[%s]" % _short(key, 40)


def _short(value, limit):
    try:
        text = repr(value)
    except Exception:
        text = "<%s>" % type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "..."


def _is_nan(x):
    try:
        return x != x
    except Exception:
        return False


def _module_of(x):
    return type(x).__module__.split(".")[0]


def _is_ndarray(x):
    return _module_of(x) == "numpy" and type(x).__name__ == "ndarray"


def _is_numpy_scalar(x):
    if _module_of(x) != "numpy":
        return False
    np = sys.modules.get("numpy")
    return np is not None and isinstance(x, np.generic)


def _is_dataframe(x):
    return _module_of(x) == "pandas" and type(x).__name__ == "DataFrame"


def exact_difference(a, b):
    """None when a and b are the same types and values everywhere, else where they first differ."""
    stack = [(a, b, "$")]
    while stack:
        x, y, path = stack.pop()
        tx, ty = type(x), type(y)
        if tx is not ty:
            return "%s: %s became %s" % (path, _tname(x), _tname(y))
        if tx is dict:
            if x.keys() != y.keys():
                missing = [k for k in x if k not in y]
                extra = [k for k in y if k not in x]
                if missing:
                    return "%s: key %s went missing" % (path, _short(missing[0], 40))
                return "%s: unexpected key %s" % (path, _short(extra[0], 40))
            for key in x:
                stack.append((x[key], y[key], path + _key_path(key)))
        elif tx is list or tx is tuple:
            if len(x) != len(y):
                return "%s: length %d became %d" % (path, len(x), len(y))
            for i in range(len(x) - 1, -1, -1):
                stack.append((x[i], y[i], "%s[%d]" % (path, i)))
        elif tx is float:
            if not (x == y or (x != x and y != y)):
                return "%s: %r became %r" % (path, x, y)
        elif tx is complex:
            if not all(p == q or (p != p and q != q) for p, q in ((x.real, y.real), (x.imag, y.imag))):
                return "%s: %r became %r" % (path, x, y)
        elif tx is set or tx is frozenset:
            if x != y or sorted(_tname(e) for e in x) != sorted(_tname(e) for e in y):
                return "%s: set contents changed" % path
        elif tx is datetime.datetime or tx is datetime.time:
            if x != y or x.utcoffset() != y.utcoffset() or (x.tzinfo is None) != (y.tzinfo is None):
                return "%s: %s became %s" % (path, x.isoformat(), y.isoformat())
        elif tx is decimal.Decimal:
            if not ((x.is_nan() and y.is_nan()) or (not x.is_nan() and not y.is_nan() and x == y and str(x) == str(y))):
                return "%s: Decimal(%s) became Decimal(%s)" % (path, x, y)
        elif _is_ndarray(x):
            if x.dtype != y.dtype:
                return "%s: ndarray dtype %s became %s" % (path, x.dtype, y.dtype)
            if x.shape != y.shape:
                return "%s: ndarray shape %s became %s" % (path, x.shape, y.shape)
            if x.dtype.kind == "O":
                stack.append((x.tolist(), y.tolist(), path))
            else:
                np = sys.modules["numpy"]
                equal_nan = x.dtype.kind in "fc"
                if not np.array_equal(x, y, equal_nan=equal_nan):
                    return "%s: ndarray values changed" % path
        elif _is_dataframe(x):
            if list(x.columns) != list(y.columns):
                return "%s: DataFrame columns %s became %s" % (path, _short(list(x.columns), 60), _short(list(y.columns), 60))
            if list(x.dtypes) != list(y.dtypes):
                return "%s: DataFrame dtypes %s became %s" % (path, _short([str(d) for d in x.dtypes], 60), _short([str(d) for d in y.dtypes], 60))
            if not x.index.equals(y.index):
                return "%s: DataFrame index changed" % path
            if not x.equals(y):
                return "%s: DataFrame values changed" % path
        elif _is_numpy_scalar(x):
            if x.dtype != y.dtype or not (x == y or (_is_nan(x) and _is_nan(y))):
                return "%s: %r became %r" % (path, x, y)
        else:
            try:
                same = bool(x == y)
            except Exception:
                same = False
            if not same:
                return "%s: %s became %s" % (path, _short(x, 60), _short(y, 60))
    return None


_ISO_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$")
_DICT, _LIST, _LEAF = 0, 1, 2


class _Bytes:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Complex:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def _norm_str(s):
    if len(s) >= 16 and _ISO_DATETIME.match(s):
        text = s[:-1] + "+00:00" if s[-1] in "Zz" else s
        try:
            return _norm_datetime(datetime.datetime.fromisoformat(text))
        except ValueError:
            return s
    if 8 <= len(s) <= 15 and _ISO_TIME.match(s):
        # "04:45:00.000000" and "04:45:00" (time.isoformat() drops zero microseconds) are one time.
        try:
            return datetime.time.fromisoformat(s).isoformat()
        except ValueError:
            return s
    return s


def _norm_datetime(value):
    """ISO text of a datetime; aware ones in UTC, so the same instant in another offset is equal."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(datetime.timezone.utc)
    return value.isoformat()


def _norm_key(k):
    if isinstance(k, str):
        return _norm_str(k)
    if k is None:
        return "null"
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, (int, float)):
        return repr(k) if isinstance(k, float) else str(k)
    kind, value, _ = _norm1(k)
    if kind == _LEAF and isinstance(value, str):
        return value
    return _short(value, 200)


def _norm1(x):
    """One level of JSON normalisation: (kind, value, unordered)."""
    if x is None or isinstance(x, (bool, int, float)):
        return _LEAF, x, False
    if isinstance(x, str):
        return _LEAF, _norm_str(x), False
    if isinstance(x, dict):
        return _DICT, {_norm_key(k): v for k, v in x.items()}, False
    if isinstance(x, (list, tuple)):
        return _LIST, list(x), False
    if isinstance(x, (set, frozenset)):
        return _LIST, list(x), True
    if isinstance(x, datetime.datetime):
        return _LEAF, _norm_datetime(x), False
    if isinstance(x, (datetime.date, datetime.time)):
        return _LEAF, x.isoformat(), False
    if isinstance(x, uuid.UUID):
        return _LEAF, str(x), False
    if isinstance(x, decimal.Decimal):
        return _LEAF, x, False
    if isinstance(x, (bytes, bytearray, memoryview)):
        return _LEAF, _Bytes(bytes(x)), False
    if isinstance(x, complex):
        return _LEAF, _Complex(x), False
    if _is_ndarray(x):
        if x.ndim == 0:
            return _LEAF, x.item(), False
        return _LIST, x.tolist(), False
    if _is_numpy_scalar(x):
        return _norm1(x.item())
    if _is_dataframe(x):
        return _LIST, x.to_dict("records"), False
    if _module_of(x) == "pandas":
        pd = sys.modules.get("pandas")
        try:
            if pd is not None and pd.isna(x) is True:
                return _LEAF, None, False
        except Exception:
            pass
    if hasattr(x, "__dict__") and not callable(x):
        return _DICT, {_norm_key(k): v for k, v in vars(x).items()}, False
    return _LEAF, str(x), False


def _full_norm(x):
    kind, value, unordered = _norm1(x)
    if kind == _DICT:
        return {k: _full_norm(v) for k, v in value.items()}
    if kind == _LIST:
        items = [_full_norm(v) for v in value]
        if unordered:
            items.sort(key=_sort_key)
        return items
    if isinstance(value, _Bytes):
        return base64.b64encode(value.value).decode("ascii")
    if isinstance(value, _Complex):
        return [value.value.real, value.value.imag]
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _sort_key(value):
    return json.dumps(value, sort_keys=True, default=repr)


_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _as_number(x):
    """The numeric value of an int/float/Decimal or of numeric text, else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float, decimal.Decimal)):
        return x
    if isinstance(x, str):
        text = x.strip()
        if _NUMBER_TEXT.match(text):
            try:
                return int(text) if re.match(r"^[+-]?\d+$", text) else decimal.Decimal(text)
            except Exception:
                return None
        lowered = text.lower()
        if lowered in ("nan", "+nan", "-nan"):
            return float("nan")
        if lowered in ("inf", "infinity", "+inf", "+infinity"):
            return float("inf")
        if lowered in ("-inf", "-infinity"):
            return float("-inf")
    return None


def _special(x):
    return isinstance(x, (float, decimal.Decimal)) and (x != x or x in (float("inf"), float("-inf")))


def _numbers_equal(x, y):
    if _is_nan(x) and _is_nan(y):
        return True
    if isinstance(x, decimal.Decimal) or isinstance(y, decimal.Decimal):
        try:
            return float(x) == float(y)
        except (OverflowError, ValueError):
            return False
    return x == y


def _bytes_equal(data, other):
    if isinstance(other, _Bytes):
        return data == other.value
    if isinstance(other, list):
        if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 256 for v in other):
            return False
        return bytes(other) == data
    if isinstance(other, str):
        candidates = [
            lambda: base64.b64encode(data).decode("ascii"),
            lambda: base64.urlsafe_b64encode(data).decode("ascii"),
            lambda: binascii.hexlify(data).decode("ascii"),
            lambda: data.decode("latin-1"),
            lambda: data.decode("utf-8"),
        ]
        for make in candidates:
            try:
                if make() == other:
                    return True
            except Exception:
                pass
        stripped = other.rstrip("=")
        try:
            return base64.b64encode(data).decode("ascii").rstrip("=") == stripped
        except Exception:
            return False
    return False


def _complex_equal(c, other):
    if isinstance(other, _Complex):
        other = other.value
    elif isinstance(other, (list, tuple)) and len(other) == 2:
        re_, im = _as_number(other[0]), _as_number(other[1])
        if re_ is None or im is None:
            return False
        other = complex(float(re_), float(im))
    elif isinstance(other, dict) and set(other) == {"real", "imag"}:
        other = complex(float(other["real"]), float(other["imag"]))
    elif isinstance(other, str):
        try:
            other = complex(other.replace(" ", ""))
        except ValueError:
            return False
    if not isinstance(other, complex):
        return False
    return _numbers_equal(c.real, other.real) and _numbers_equal(c.imag, other.imag)


def _leaves_equal(x, y):
    if x is None or y is None:
        other = y if x is None else x
        return other is None or _special(other)
    if isinstance(x, bool) or isinstance(y, bool):
        return type(x) is type(y) and x == y
    nx, ny = _as_number(x), _as_number(y)
    if nx is not None and ny is not None and not (isinstance(x, str) and isinstance(y, str)):
        return _numbers_equal(nx, ny)
    if isinstance(x, str) and isinstance(y, str):
        return x == y
    try:
        return bool(x == y)
    except Exception:
        return False


def _frame_from(value):
    pd = sys.modules.get("pandas")
    if pd is None:
        return None
    try:
        if isinstance(value, dict) and "columns" in value and "data" in value:
            return pd.DataFrame(value["data"], columns=value["columns"])
        return pd.DataFrame(value)
    except Exception:
        return None


def _narrow_floats_equal(array, other):
    """A float32/float16 array and the nested list it became, compared at the array's precision:
    orjson writes such values as their shortest text at that precision, not at float64
    (https://github.com/ijl/orjson#numpy), and reading that text back gives the same array."""
    np = sys.modules["numpy"]
    try:
        back = np.array(other, dtype=array.dtype)
    except Exception:
        return False
    return back.shape == array.shape and bool(np.array_equal(array, back, equal_nan=True))


def lossy_difference(a, b):
    """None when a and b are equal after JSON normalisation, else where they first differ."""
    stack = [(a, b, "$")]
    while stack:
        x, y, path = stack.pop()
        if isinstance(y, list) and _is_ndarray(x) and x.dtype.kind == "f" and x.dtype.itemsize < 8:
            if _narrow_floats_equal(x, y):
                continue
        if _is_dataframe(x) and isinstance(y, dict) or _is_dataframe(y) and isinstance(x, dict):
            converted = _frame_from(y if _is_dataframe(x) else x)
            if converted is None:
                return "%s: DataFrame became %s" % (path, _tname(y if _is_dataframe(x) else x))
            x, y = (x, converted) if _is_dataframe(x) else (converted, y)
        kx, vx, ux = _norm1(x)
        ky, vy, uy = _norm1(y)
        if isinstance(vx, _Complex) or isinstance(vy, _Complex):
            c, other = (vx, y if ky != _LEAF else vy) if isinstance(vx, _Complex) else (vy, x if kx != _LEAF else vx)
            if not _complex_equal(c.value, other):
                return "%s: %s became %s" % (path, _short(x, 60), _short(y, 60))
            continue
        if isinstance(vx, _Bytes) or isinstance(vy, _Bytes):
            b, other = (vx, vy) if isinstance(vx, _Bytes) else (vy, vx)
            if not _bytes_equal(b.value, other):
                return "%s: %s became %s" % (path, _short(x, 60), _short(y, 60))
            continue
        if kx != ky:
            return "%s: %s became %s" % (path, _tname(x), _tname(y))
        if kx == _DICT:
            if vx.keys() != vy.keys():
                missing = [k for k in vx if k not in vy]
                if missing:
                    return "%s: key %s went missing" % (path, _short(missing[0], 40))
                return "%s: unexpected key %s" % (path, _short([k for k in vy if k not in vx][0], 40))
            for key in vx:
                stack.append((vx[key], vy[key], path + _key_path(key)))
        elif kx == _LIST:
            if len(vx) != len(vy):
                return "%s: length %d became %d" % (path, len(vx), len(vy))
            if ux or uy:
                note = _unordered_difference(vx, vy, path)
                if note is not None:
                    return note
                continue
            for i in range(len(vx) - 1, -1, -1):
                stack.append((vx[i], vy[i], "%s[%d]" % (path, i)))
        elif not _leaves_equal(vx, vy):
            return "%s: %s became %s" % (path, _short(x, 60), _short(y, 60))
    return None


def _unordered_difference(xs, ys, path):
    """Matches the elements of a set (or of the list it became) regardless of order."""
    xs = sorted(xs, key=lambda v: _sort_key(_full_norm(v)))
    ys = sorted(ys, key=lambda v: _sort_key(_full_norm(v)))
    if all(lossy_difference(p, q) is None for p, q in zip(xs, ys)):
        return None
    if len(xs) <= 300:
        unmatched = list(ys)
        for p in xs:
            for j, q in enumerate(unmatched):
                if lossy_difference(p, q) is None:
                    del unmatched[j]
                    break
            else:
                return "%s: set element %s has no counterpart" % (path, _short(p, 40))
        return None
    return "%s: set contents changed" % path


def fidelity_of(originals, round_tripped):
    """(fidelity, note) over all records."""
    lossy_note = None
    for i, (a, b) in enumerate(zip(originals, round_tripped)):
        exact = exact_difference(a, b)
        if exact is None:
            continue
        lossy = lossy_difference(a, b)
        if lossy is not None:
            return "mismatch", "record %d at %s" % (i, lossy)
        if lossy_note is None:
            lossy_note = "record %d at %s" % (i, exact)
    if lossy_note is not None:
        return "lossy", lossy_note
    return "exact", None


# ---------------------------------------------------------------------------------------------
# Timing

perf_counter_ns = time.perf_counter_ns


def _time_plain(function, inputs, loops):
    passes = range(loops)
    start = perf_counter_ns()
    for _ in passes:
        for x in inputs:
            function(x)
    return perf_counter_ns() - start


def _time_scheduled(function, inputs, plan):
    start = perf_counter_ns()
    for repeats in plan:
        for _ in repeats:
            for x in inputs:
                function(x)
    return perf_counter_ns() - start


def _time_stretched(function, inputs, loops, stretch):
    """The plain loop, then a busy wait of ``stretch`` x its elapsed time (the core stays busy, as
    with slower code): the value comes out (1 + stretch) times the target's time."""
    start = perf_counter_ns()
    for _ in range(loops):
        for x in inputs:
            function(x)
    now = perf_counter_ns()
    until = start + int((now - start) * (1.0 + stretch))
    while now < until:
        now = perf_counter_ns()
    return now - start


def _gc_call(name):
    """gc.freeze / gc.unfreeze where the interpreter has them (CPython 3.7+; not PyPy)."""
    function = getattr(gc, name, None)
    if function is not None:
        function()


def _budgeted_values(timer, loops, warmups, values, budget_ns, per_record):
    """Warm-ups and values within a time budget per cell: the first run tells how long one lasts.
    When it alone fills the budget (or no warm-up is asked for) it is the first value; otherwise it
    was a warm-up. Then as many values as fit (at least one), and the remaining warm-ups only where
    the budget leaves room after the values."""
    first = timer.elapsed_ns(loops)
    runs = max(1, int(budget_ns // max(first, 1)))
    if warmups == 0 or runs <= 1:
        ns = [first / per_record]
        ns += [timer.elapsed_ns(loops) / per_record for _ in range(min(values, runs) - 1)]
        return ns
    kept = max(1, min(values, runs - 1))
    for _ in range(max(0, min(warmups - 1, runs - 1 - kept))):
        timer.elapsed_ns(loops)
    return [timer.elapsed_ns(loops) / per_record for _ in range(kept)]


def slowdown_quantum(fraction):
    """The smallest q such that fraction * q is a whole number (fraction a multiple of 0.001)."""
    for q in range(1, 1001):
        if abs(fraction * q - round(fraction * q)) < 1e-9:
            return q
    raise ValueError("slowdown must be a multiple of 0.001 (got %r)" % fraction)


def slowdown_plan(loops, fraction):
    """Per pass: range(1) or range(2); exactly fraction * loops extra passes, spread evenly."""
    single, double = range(1), range(2)
    plan = []
    for p in range(loops):
        extra = math.floor((p + 1) * fraction + 1e-9) - math.floor(p * fraction + 1e-9)
        plan.append(double if extra >= 1 else single)
    return plan


class Timer:
    def __init__(self, function, inputs, slowdown, gc_mode, stretch=None):
        self.function = function
        self.inputs = inputs
        self.slowdown = slowdown
        self.stretch = stretch
        self.gc_disabled = gc_mode == "disabled"
        self._plans = {}

    def round_loops(self, loops):
        if self.slowdown is None:
            return loops
        q = slowdown_quantum(self.slowdown)
        return ((loops + q - 1) // q) * q

    def elapsed_ns(self, loops):
        enabled = gc.isenabled()
        thresholds = gc.get_threshold()
        gc.collect()
        if self.gc_disabled:
            gc.disable()
        try:
            if self.stretch is not None:
                return _time_stretched(self.function, self.inputs, loops, self.stretch)
            if self.slowdown is None:
                return _time_plain(self.function, self.inputs, loops)
            plan = self._plans.get(loops)
            if plan is None:
                plan = self._plans[loops] = slowdown_plan(loops, self.slowdown)
            return _time_scheduled(self.function, self.inputs, plan)
        finally:
            gc.set_threshold(*thresholds)
            if enabled:
                gc.enable()
            else:
                gc.disable()

    def calibrate(self, min_value_ns):
        loops = self.round_loops(1)
        while True:
            elapsed = self.elapsed_ns(loops)
            if elapsed >= min_value_ns or loops >= 10 ** 9:
                return loops
            needed = int(math.ceil(loops * min_value_ns * 1.05 / max(elapsed, 1)))
            loops = self.round_loops(min(loops * 10, max(loops * 2, needed)))


# ---------------------------------------------------------------------------------------------
# Memory


def _read_proc_status():
    values = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, rest = line.split(":", 1)
                values[key] = int(rest.split()[0]) * 1024
    return values


def _reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except Exception:
        return False


def _windows_peak_working_set():
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    process = ctypes.windll.kernel32.GetCurrentProcess()
    if not ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
        raise OSError("GetProcessMemoryInfo failed")
    return counters.PeakWorkingSetSize


class RssProbe:
    """Measures the growth of peak RSS over a block, by the best method this platform offers."""

    def __init__(self):
        self.method = None
        self.resettable = False
        if sys.platform.startswith("linux") and os.path.exists("/proc/self/status"):
            try:
                _read_proc_status()["VmHWM"]
                self.method = "vmhwm"
                if _reset_peak_rss():
                    self.method = "vmhwm-reset"
                    self.resettable = True
            except Exception:
                self.method = None
        if self.method is None and sys.platform == "win32":
            try:
                _windows_peak_working_set()
                self.method = "windows-peak-working-set"
            except Exception:
                self.method = None
        if self.method is None:
            try:
                import resource

                resource.getrusage(resource.RUSAGE_SELF)
                self.method = "ru_maxrss"
            except Exception:
                self.method = None

    def before(self):
        if self.method == "vmhwm-reset":
            _reset_peak_rss()
            return _read_proc_status()["VmRSS"]
        if self.method == "vmhwm":
            return _read_proc_status()["VmHWM"]
        if self.method == "windows-peak-working-set":
            return _windows_peak_working_set()
        if self.method == "ru_maxrss":
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return peak if sys.platform == "darwin" else peak * 1024
        return None

    def after(self):
        if self.method in ("vmhwm-reset", "vmhwm"):
            return _read_proc_status()["VmHWM"]
        return self.before() if self.method is not None else None


# ---------------------------------------------------------------------------------------------
# Instruction counts (requests ``count-check`` and ``count``; the process runs under callgrind)


class MarkerError(Exception):
    """A region could not be counted: the marker did not fire, or fired more than once."""


# uintptr_t request(uintptr_t *args /* rdi */, uintptr_t default /* rsi */): valgrind.h's client
# request for amd64, as machine code. Natively the rotations cancel out and xchg %rbx,%rbx does
# nothing, so the function returns the default; under Valgrind the sequence is the request.
_AMD64_CLIENT_REQUEST = bytes.fromhex(
    "4889f8"  # mov  %rdi,%rax      rax = &args[0]
    "4889f2"  # mov  %rsi,%rdx      rdx = default
    "48c1c703"  # rol  $3,%rdi
    "48c1c70d"  # rol  $13,%rdi
    "48c1c73d"  # rol  $61,%rdi
    "48c1c733"  # rol  $51,%rdi      3 + 13 + 61 + 51 = 128
    "4887db"  # xchg %rbx,%rbx      rdx = request(rax)
    "4889d0"  # mov  %rdx,%rax
    "c3"  # ret
)
_VG_RUNNING_ON_VALGRIND = 0x1001
_CG_BASE = 0x43540000  # VG_USERREQ_TOOL_BASE('C', 'T')
_CG_TOGGLE_COLLECT = _CG_BASE + 2
_CG_DUMP_STATS_AT = _CG_BASE + 3
_CG_START_INSTRUMENTATION = _CG_BASE + 4
_CG_STOP_INSTRUMENTATION = _CG_BASE + 5


class ClientRequests:
    """Callgrind client requests issued from an executable page of machine code (x86-64), so no
    compiler and no symbol of the interpreter is needed. The page is written, then made read+exec
    (never writable and executable at once)."""

    kind = "client-request"

    def __init__(self):
        import ctypes
        import mmap

        if platform.machine().lower() not in ("x86_64", "amd64") or sys.maxsize <= 2 ** 32:
            raise MarkerError("the client-request marker is written for x86-64 (this is %s)" % platform.machine())
        size = mmap.PAGESIZE
        self._page = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS,
                               prot=mmap.PROT_READ | mmap.PROT_WRITE)
        self._page.write(_AMD64_CLIENT_REQUEST)
        address = ctypes.addressof(ctypes.c_char.from_buffer(self._page))
        mprotect = ctypes.CDLL(None, use_errno=True).mprotect
        mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        mprotect.restype = ctypes.c_int
        if mprotect(address, size, mmap.PROT_READ | mmap.PROT_EXEC) != 0:
            raise MarkerError("mprotect(PROT_READ|PROT_EXEC) failed: %s" % os.strerror(ctypes.get_errno()))
        self._ctypes = ctypes
        self._call = ctypes.CFUNCTYPE(ctypes.c_size_t, ctypes.c_void_p, ctypes.c_size_t)(address)
        self._args = (ctypes.c_size_t * 6)()
        self._argp = ctypes.addressof(self._args)
        self._label = None

    def request(self, code, arg1=0):
        self._args[0] = code
        self._args[1] = arg1
        return self._call(self._argp, 0)

    def begin(self):
        """Instrumentation on (the process runs with --instr-atstart=no); callgrind starts every
        instrumented stretch with cold simulated caches, which the warm-up pass then fills."""
        if not self.request(_VG_RUNNING_ON_VALGRIND):
            raise MarkerError("not running under Valgrind: start the runner as valgrind --tool=callgrind "
                              "--collect-atstart=no --instr-atstart=no ...")
        self.request(_CG_START_INSTRUMENTATION)

    def end(self):
        self.request(_CG_STOP_INSTRUMENTATION)

    def run(self, body, label):
        self._label = self._ctypes.create_string_buffer(label.encode("ascii"))
        # The body is called from C (functools.partial's call), not from this frame: CPython 3.11
        # runs a Python-to-Python call inside the caller's interpreter loop, which here started
        # before instrumentation, so callgrind would file all the region's bytecode under whatever
        # C function its call stack began with. From C, the body gets an interpreter loop of its
        # own that callgrind sees start: `_PyEval_EvalFrameDefault` in the profiles, as it is.
        call_from_c = functools.partial(body)
        self.request(_CG_TOGGLE_COLLECT)
        call_from_c()
        self.request(_CG_TOGGLE_COLLECT)
        self.request(_CG_DUMP_STATS_AT, self._ctypes.addressof(self._label))


class FfiToggle:
    """The body runs as a ctypes callback inside libffi's exported ``ffi_call``, on which callgrind
    toggles collection and dumps (--toggle-collect=ffi_call --dump-after=ffi_call). Works on any
    architecture; code under test that itself calls through ctypes/cffi adds parts (detected)."""

    kind = "ffi-toggle"

    def __init__(self):
        import ctypes

        self._callback = ctypes.CFUNCTYPE(None)

    def begin(self):
        pass

    def end(self):
        pass

    def run(self, body, label):
        self._callback(body)()


MARKERS = {"client-request": ClientRequests, "ffi-toggle": FfiToggle}


def spin(n):
    """A pure-Python loop of constant cost per iteration that allocates nothing (itertools.repeat
    yields one object; x stays a cached small int): the known workload of the self-check and the
    injected slowdown of calibrate."""
    x = 0
    for _ in itertools.repeat(None, n):
        x ^= 1
    return x


def _listing(out_dir):
    try:
        return set(os.listdir(out_dir))
    except OSError as error:
        raise MarkerError("cannot list the callgrind output folder %s: %s" % (out_dir, error))


CACHE_WARM_RECORDS = 1


def count_region(marker, out_dir, label, function, inputs, passes, warmups, spin_iterations=0):
    """Counts ``passes`` passes of ``function`` over ``inputs`` (+ ``spin(spin_iterations)``) as
    one callgrind part and returns its file name. Warm-up passes (uninstrumented), a pass over the
    first CACHE_WARM_RECORDS records (instrumented, to fill the simulated caches), ``gc.collect()``
    and the collector's state changes stay outside the region; the collector is off inside it. Exactly one
    new part must appear: none means the marker did not fire, more means something inside the
    region dumped too (MarkerError either way, never a zero)."""
    failure = []

    def body():
        try:
            for _ in itertools.repeat(None, passes):
                for x in inputs:
                    function(x)
            # Called on every side (0 iterations unless injected), so an injected copy differs
            # from its plain twin by the iterations alone.
            spin(spin_iterations)
        except BaseException as error:  # a ctypes callback would only print it
            failure.append(error)

    # Warm-up passes run before instrumentation is switched on (at the interpreter's speed under
    # Valgrind, 5-10x faster than instrumented); switching it on starts with cold simulated
    # caches, which a short instrumented pass over the first record fills before the region (a
    # region of one record, typically a large one, starts cold: doubling its cost would buy
    # nothing, the cold start being a negligible and fixed share of it).
    for _ in itertools.repeat(None, warmups):
        for x in inputs:
            function(x)
    marker.begin()
    try:
        if len(inputs) > CACHE_WARM_RECORDS:
            for x in itertools.islice(inputs, CACHE_WARM_RECORDS):
                function(x)
        enabled = gc.isenabled()
        thresholds = gc.get_threshold()
        gc.collect()
        gc.disable()
        try:
            before = _listing(out_dir)
            marker.run(body, label)
            after = _listing(out_dir)
        finally:
            gc.set_threshold(*thresholds)
            (gc.enable if enabled else gc.disable)()
    finally:
        marker.end()
    if failure:
        raise failure[0]
    new = sorted(after - before)
    if not new:
        raise MarkerError(
            "region %s wrote no callgrind part: the runner is not under callgrind, or its command line "
            "lacks the %s marker's options, or the marker's symbol is missing" % (label, marker.kind))
    if len(new) > 1:
        raise MarkerError(
            "region %s wrote %d callgrind parts (%s): code inside it dumped too or called through "
            "ctypes/cffi, so the region cannot be told apart" % (label, len(new), ", ".join(new)))
    return new[0]


# ---------------------------------------------------------------------------------------------
# Python-level profile (request ``pyprofile``)

PYPROFILE_MAX_FUNCTIONS = 2000


def _path_labeller():
    """file name -> the file relative to the longest ``sys.path`` entry that contains it."""
    entries = sorted({os.path.abspath(p) for p in sys.path if p}, key=len, reverse=True)
    cache = {}

    def label(filename):
        known = cache.get(filename)
        if known is not None:
            return known
        out = filename
        if filename and not filename.startswith("<"):
            absolute = os.path.abspath(filename)
            for entry in entries:
                if absolute.startswith(entry + os.sep):
                    out = absolute[len(entry) + 1:].replace(os.sep, "/")
                    break
        cache[filename] = out
        return out

    return label


def profile_python(function, inputs, passes, warmups, lines):
    """Call and line events per Python function over ``passes`` passes (see the module docstring).
    Returns (files, functions, other) as the ``pyprofiled`` reply carries them."""
    for _ in itertools.repeat(None, warmups):
        for x in inputs:
            function(x)
    calls = {}
    line_events = {}

    def body():
        for _ in itertools.repeat(None, passes):
            for x in inputs:
                function(x)

    def local(frame, event, arg):
        if event == "line":
            code = frame.f_code
            line_events[code] = line_events.get(code, 0) + 1
        return local

    def on_call(frame, event, arg):
        # settrace's global function sees only "call"; setprofile's sees every event.
        if event == "call":
            code = frame.f_code
            calls[code] = calls.get(code, 0) + 1
        return local if lines else None

    enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.collect()
    gc.disable()
    try:
        if lines:
            sys.settrace(on_call)
            try:
                body()
            finally:
                sys.settrace(None)
        else:
            sys.setprofile(on_call)
            try:
                body()
            finally:
                sys.setprofile(None)
    finally:
        gc.set_threshold(*thresholds)
        (gc.enable if enabled else gc.disable)()

    label = _path_labeller()
    merged = {}
    for code in set(calls) | set(line_events):
        key = (label(code.co_filename), getattr(code, "co_qualname", code.co_name), code.co_firstlineno)
        known = merged.get(key, (0, 0))
        merged[key] = (known[0] + calls.get(code, 0), known[1] + line_events.get(code, 0))
    ranked = sorted(merged.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
    files = []
    file_index = {}
    functions = []
    for (file, name, line), (n_calls, n_lines) in ranked[:PYPROFILE_MAX_FUNCTIONS]:
        if file not in file_index:
            file_index[file] = len(files)
            files.append(file)
        functions.append([file_index[file], name, line, n_calls, n_lines])
    rest = ranked[PYPROFILE_MAX_FUNCTIONS:]
    other = {
        "functions": len(rest),
        "calls": sum(v[0] for _, v in rest),
        "lines": sum(v[1] for _, v in rest),
    }
    return files, functions, other


# ---------------------------------------------------------------------------------------------
# Protocol


class ProtocolError(Exception):
    pass


def _error(kind, message):
    return {"type": kind, "message": _clip(message)}


def _clip(message):
    message = str(message)
    return message if len(message) <= MAX_MESSAGE_CHARS else message[: MAX_MESSAGE_CHARS - 1] + "..."


def _exception(error):
    return _error(type(error).__name__, str(error) or repr(error))


def _field(request, name, kinds, required=True, default=None):
    if name not in request or request[name] is None:
        if required:
            raise ProtocolError('%s request: missing field "%s"' % (request.get("type"), name))
        return default
    value = request[name]
    if not isinstance(value, kinds) or isinstance(value, bool) and bool not in _as_tuple(kinds):
        raise ProtocolError(
            '%s request: field "%s" must be %s (got %s)'
            % (request.get("type"), name, _kind_names(kinds), type(value).__name__)
        )
    return value


def _as_tuple(kinds):
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _kind_names(kinds):
    names = {str: "a string", int: "an integer", float: "a number", dict: "an object", list: "an array", bool: "a boolean"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kinds))


def _target_spec(request):
    spec = _field(request, "target", dict)
    target_id = spec.get("id")
    if not isinstance(target_id, str) or not target_id:
        raise ProtocolError('%s request: target.id must be a non-empty string' % request.get("type"))
    if "module" in spec:
        for name in ("module", "serialize", "deserialize"):
            if not isinstance(spec.get(name), str) or not spec.get(name):
                raise ProtocolError('%s request: custom target "%s" needs a string "%s"' % (request.get("type"), target_id, name))
        paths = spec.get("paths") or []
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ProtocolError('%s request: target.paths must be an array of strings' % request.get("type"))
    return spec


def _operation(request):
    operation = _field(request, "operation", str)
    if operation not in ("serialize", "deserialize"):
        raise ProtocolError('%s request: operation must be "serialize" or "deserialize" (got %r)' % (request.get("type"), operation))
    return operation


WIRE_TYPES = (str, bytes, bytearray, memoryview)


def _wire_bytes(wires):
    total = 0
    for wire in wires:
        if isinstance(wire, str):
            total += len(wire.encode("utf-8", "surrogatepass"))
        elif isinstance(wire, (bytes, bytearray)):
            total += len(wire)
        elif isinstance(wire, memoryview):
            total += wire.nbytes
        else:
            return None
    return total


class Prepared:
    """A target's round trip over the loaded records, done once per process and reused."""

    def __init__(self):
        self.wires = None
        self.serialize_error = None
        # serialize returned something that is not a wire form (str or bytes): the target is wrong.
        self.wire_error = None
        self.deserialize_error = None
        self.fidelity = None
        self.fidelity_note = None
        self.output_bytes = None


class Runner:
    def __init__(self):
        self.dataset = None
        self.targets = {}
        self.prepared = {}
        self.rss = None

    # -- hello ------------------------------------------------------------------------------

    def hello(self, request):
        protocol = request.get("protocol", PROTOCOL)
        if protocol != PROTOCOL:
            raise ProtocolError("hello request: protocol %r is not supported (this runner speaks %d)" % (protocol, PROTOCOL))
        libraries = {}
        for name in ["datason"] + list(COMPETITORS) + ["numpy", "pandas"]:
            libraries[name] = self._library_info(name)
        targets = {}
        descriptions = {}
        for target_id in BUILTIN_TARGET_IDS:
            try:
                descriptions[target_id] = {tier: self._resolve({"id": target_id}, tier).description for tier in TIERS}
                targets[target_id] = None
            except (Unavailable, BadTarget) as error:
                targets[target_id] = str(error)
            if target_id in COMPETITORS and target_id in descriptions:
                descriptions[target_id]["docs"] = COMPETITORS[target_id].docs
        self.rss = self.rss or RssProbe()
        return {
            "type": "hello",
            "protocol": PROTOCOL,
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "libc": " ".join(part for part in platform.libc_ver() if part) or None,
            "executable": sys.executable,
            "libraries": libraries,
            "targets": targets,
            "descriptions": descriptions,
            "freeze": _freeze(),
            "memory": {"rssMethod": self.rss.method, "peakResettable": self.rss.resettable},
        }

    def _library_info(self, name):
        try:
            module = importlib.import_module(name)
        except Exception as error:
            return {"version": None, "apis": [], "error": "%s: %s" % (type(error).__name__, error)}
        if name in ("json", "pickle"):
            version = platform.python_version()
        else:
            version = _version_of(module)
        if name == "datason":
            apis = [n for n in DATASON_FUNCTIONS if hasattr(module, n)]
        elif name in COMPETITORS:
            apis = [n for n in (COMPETITORS[name].serialize, COMPETITORS[name].deserialize) if hasattr(module, n)]
        else:
            apis = []
        return {"version": version, "apis": apis}

    # -- load -------------------------------------------------------------------------------

    def load(self, request):
        path = _field(request, "path", str)
        limit = _field(request, "limit", int, required=False)
        if limit is not None and limit < 1:
            raise ProtocolError("load request: limit must be >= 1 or null (got %d)" % limit)
        expected = _field(request, "sha256", str, required=False)
        view = _field(request, "view", str, required=False) or "native"
        if view not in ("native", "json"):
            raise ProtocolError('load request: view must be "native" or "json" (got %r)' % view)
        # Objects that live as long as the dataset (the imports, the records) are frozen out of the
        # cyclic collector: every value and memory pass starts with gc.collect(), which would
        # otherwise walk pandas' and numpy's ~50,000 objects each time (~40 ms), and a collection
        # inside a value would cost as much. A new dataset unfreezes the previous one first.
        self.dataset = None
        self.prepared = {}
        _gc_call("unfreeze")
        try:
            dataset = load_dataset(path, limit, hydrate=view == "native")
        except (OSError, DatasetError) as error:
            return {"type": "error", "error": _error("DatasetError", "cannot load dataset %s: %s" % (path, error))}
        finally:
            gc.collect()
            _gc_call("freeze")
        if expected is not None and expected.lower() != dataset.sha256:
            return {"type": "error", "error": _error(
                "DatasetMismatch",
                "dataset %s: sha256 %s differs from the expected %s" % (path, dataset.sha256, expected.lower()),
            )}
        self.dataset = dataset
        self.prepared = {}
        return {
            "type": "loaded",
            "records": len(dataset.records),
            "totalRecords": dataset.total,
            "bytes": dataset.bytes,
            "sha256": dataset.sha256,
            "scenario": dataset.header.get("scenario"),
            "skipped": dataset.skipped,
            "view": view,
            "tier": dataset.tier,
        }

    # -- shared -----------------------------------------------------------------------------

    def _resolve(self, spec, tier):
        key = json.dumps([spec, tier], sort_keys=True)
        cached = self.targets.get(key)
        if cached is None:
            try:
                cached = resolve_target(spec, tier)
            except (Unavailable, BadTarget) as error:
                cached = error
            self.targets[key] = cached
        if isinstance(cached, Exception):
            raise cached
        return cached

    def _precheck(self, request):
        """Common start of measure and memory: a failure reply, or (target, operation)."""
        spec = _target_spec(request)
        operation = _operation(request)
        if self.dataset is None:
            raise ProtocolError("%s request before a successful load" % request.get("type"))
        try:
            target = self._resolve(spec, self.dataset.tier)
        except Unavailable as error:
            return self._failure(request, "unavailable", _error("Unavailable", str(error))), None, None
        except BadTarget as error:
            return self._failure(request, "error", _error("BadTarget", str(error))), None, None
        if self.dataset.skipped is not None:
            return self._failure(request, "skipped", _error("MissingDependency", self.dataset.skipped)), None, None
        if not self.dataset.records:
            return self._failure(request, "skipped", _error("EmptyDataset", "the dataset has no records")), None, None
        return None, target, operation

    def _failure(self, request, status, error, **extra):
        kinds = {"measure": "result", "memory": "memory", "count": "counted", "pyprofile": "pyprofiled"}
        reply = {"type": kinds.get(request.get("type"), "memory"), "status": status, "error": error}
        reply.update(extra)
        return reply

    def _prepare(self, target, needs_fidelity):
        prepared = self.prepared.get(target.id)
        if prepared is None:
            prepared = self.prepared[target.id] = Prepared()
            records = self.dataset.records
            wires = []
            for i, record in enumerate(records):
                try:
                    wires.append(target.serialize(record))
                except Exception as error:
                    prepared.serialize_error = _error(type(error).__name__, "record %d: %s" % (i, error))
                    break
            if prepared.serialize_error is None and target.wire:
                for i, wire in enumerate(wires):
                    if not isinstance(wire, WIRE_TYPES):
                        prepared.wire_error = _error(
                            "WireTypeError",
                            "serialize (%s) returned %s for record %d, not str or bytes: a target's "
                            "serialize must produce the wire form, text or bytes (for a custom target, "
                            "point its \"serialize\" at a function that returns str or bytes)"
                            % (target.description, _tname(wire), i),
                        )
                        break
            if prepared.serialize_error is None and prepared.wire_error is None:
                prepared.wires = wires
                prepared.output_bytes = _wire_bytes(wires)
        if needs_fidelity and prepared.wires is not None and prepared.fidelity is None:
            back = []
            for i, wire in enumerate(prepared.wires):
                try:
                    back.append(target.deserialize(wire))
                except Exception as error:
                    prepared.deserialize_error = _error(type(error).__name__, "record %d: %s" % (i, error))
                    prepared.fidelity = "error"
                    prepared.fidelity_note = "deserialize raised on record %d" % i
                    break
            if prepared.fidelity is None:
                try:
                    prepared.fidelity, prepared.fidelity_note = fidelity_of(self.dataset.records, back)
                except Exception as error:
                    prepared.fidelity = "error"
                    prepared.fidelity_note = "comparison raised %s: %s" % (type(error).__name__, _clip(error))
        return prepared

    # -- measure ----------------------------------------------------------------------------

    def measure(self, request):
        failure, target, operation = self._precheck(request)
        if failure is not None:
            return failure
        warmups = _field(request, "warmups", int, required=False, default=1)
        values = _field(request, "values", int)
        min_value_seconds = _field(request, "minValueSeconds", (int, float), required=False, default=0.05)
        loops = _field(request, "loops", int, required=False)
        slowdown = _field(request, "slowdown", (int, float), required=False)
        stretch = _field(request, "stretch", (int, float), required=False)
        gc_mode = _field(request, "gc", str, required=False, default="enabled")
        max_seconds = _field(request, "maxSeconds", (int, float), required=False)
        if values < 1 or warmups < 0 or (loops is not None and loops < 1) or min_value_seconds <= 0:
            raise ProtocolError("measure request: values >= 1, warmups >= 0, loops >= 1 and minValueSeconds > 0 are required")
        if max_seconds is not None and max_seconds <= 0:
            raise ProtocolError("measure request: maxSeconds must be > 0")
        if gc_mode not in ("enabled", "disabled"):
            raise ProtocolError('measure request: gc must be "enabled" or "disabled"')
        if slowdown is not None:
            if slowdown < 0 or slowdown > 10:
                raise ProtocolError("measure request: slowdown must lie in [0, 10] (got %r)" % slowdown)
            try:
                slowdown_quantum(float(slowdown))
            except ValueError as error:
                raise ProtocolError("measure request: %s" % error)
            slowdown = float(slowdown)
        if stretch is not None:
            if slowdown is not None:
                raise ProtocolError("measure request: slowdown and stretch exclude each other")
            if not (0 <= stretch <= 10):
                raise ProtocolError("measure request: stretch must lie in [0, 10] (got %r)" % stretch)
            stretch = float(stretch)

        check = _field(request, "fidelity", bool, required=False, default=True)
        if not check and operation == "serialize":
            prepared = Prepared()
        else:
            prepared = self._prepare(target, needs_fidelity=check)
        common = {"fidelity": prepared.fidelity, "fidelityNote": prepared.fidelity_note, "outputBytes": prepared.output_bytes}
        if prepared.wire_error is not None:
            return self._failure(request, "error", prepared.wire_error, fidelity=None, outputBytes=None)
        if prepared.serialize_error is not None:
            error = dict(prepared.serialize_error)
            if operation == "deserialize":
                error["message"] = _clip("serialize (which makes the input) raised: " + error["message"])
            return self._failure(request, "unsupported", error, fidelity=None, outputBytes=None)
        if operation == "deserialize" and prepared.deserialize_error is not None:
            return self._failure(request, "unsupported", prepared.deserialize_error, **common)

        function = target.serialize if operation == "serialize" else target.deserialize
        inputs = self.dataset.records if operation == "serialize" else prepared.wires
        timer = Timer(function, inputs, slowdown, gc_mode, stretch)
        calibrated = loops is None
        try:
            if loops is None:
                loops = timer.calibrate(int(min_value_seconds * 1e9))
            else:
                loops = timer.round_loops(loops)
            per_record = float(loops * len(inputs))
            if max_seconds is None:
                for _ in range(warmups):
                    timer.elapsed_ns(loops)
                ns = [timer.elapsed_ns(loops) / per_record for _ in range(values)]
            else:
                ns = _budgeted_values(timer, loops, warmups, values, max_seconds * 1e9, per_record)
        except Exception as error:
            return self._failure(request, "unsupported", _exception(error), **common)
        reply = {
            "type": "result",
            "status": "ok",
            "loops": loops,
            "calibrated": calibrated,
            "nsPerRecord": ns,
            "records": len(inputs),
        }
        reply.update(common)
        if slowdown is not None:
            reply["slowdown"] = slowdown
        if stretch is not None:
            reply["stretch"] = stretch
        return reply

    # -- memory -----------------------------------------------------------------------------

    def _function_and_inputs(self, request, target, operation):
        """What a memory or count request runs over: serialize over the records, or deserialize
        over their wire form (made once per target); a failure reply when there is none."""
        if operation == "serialize":
            return target.serialize, self.dataset.records, None
        prepared = self._prepare(target, needs_fidelity=False)
        if prepared.wire_error is not None:
            return None, None, self._failure(request, "error", prepared.wire_error)
        if prepared.serialize_error is not None:
            return None, None, self._failure(request, "unsupported", prepared.serialize_error)
        return target.deserialize, prepared.wires, None

    def memory(self, request):
        """Peak traced memory and RSS growth of one cell, untimed. Sent after the cell's timing in
        the process that timed it, so first-call effects are gone: one untraced pass (its RSS
        growth), then ``tracedPasses`` passes under tracemalloc with the cyclic collector off (a
        collection in the middle of a pass would move the peak), each after ``gc.collect()``;
        the peak is the smallest of them (what the pass itself needs, without the allocator state
        an earlier pass left behind). ``maxSeconds`` lowers the number of traced passes (never
        below one) for a cell whose passes are long."""
        failure, target, operation = self._precheck(request)
        if failure is not None:
            return failure
        traced_passes = _field(request, "tracedPasses", int, required=False, default=3)
        gc_mode = _field(request, "gc", str, required=False, default="disabled")
        max_seconds = _field(request, "maxSeconds", (int, float), required=False)
        if traced_passes < 1 or gc_mode not in ("enabled", "disabled"):
            raise ProtocolError('memory request: tracedPasses >= 1 and gc "enabled" or "disabled" are required')
        function, inputs, failure = self._function_and_inputs(request, target, operation)
        if failure is not None:
            return failure
        self.rss = self.rss or RssProbe()
        import tracemalloc

        enabled = gc.isenabled()
        peaks = []
        try:
            gc.collect()
            before = self.rss.before()
            untraced_ns = _time_plain(function, inputs, 1)
            after = self.rss.after()
            rss_delta = None if before is None or after is None else max(0, after - before)
            if max_seconds is not None:
                # tracemalloc slows a pass down about 4x: fewer traced passes for long ones.
                fit = int(max_seconds * 1e9 // max(4 * untraced_ns, 1))
                traced_passes = max(1, min(traced_passes, fit))
            for _ in range(traced_passes):
                gc.collect()
                if gc_mode == "disabled":
                    gc.disable()
                tracemalloc.start()
                try:
                    _time_plain(function, inputs, 1)
                    peaks.append(tracemalloc.get_traced_memory()[1])
                finally:
                    tracemalloc.stop()
                    (gc.enable if enabled else gc.disable)()
        except Exception as error:
            return self._failure(request, "unsupported", _exception(error))
        return {
            "type": "memory",
            "status": "ok",
            "peakTracedBytes": min(peaks),
            "tracedPasses": len(peaks),
            "rssDeltaBytes": rss_delta,
            "rssMethod": self.rss.method,
        }

    # -- dispatch ---------------------------------------------------------------------------

    # -- count-check and count (under callgrind) --------------------------------------------

    def _marker(self, request):
        kind = _field(request, "marker", str)
        if kind not in MARKERS:
            raise ProtocolError("%s request: marker must be one of %s (got %r)" % (request.get("type"), ", ".join(MARKERS), kind))
        markers = self.__dict__.setdefault("markers", {})
        if kind not in markers:
            try:
                markers[kind] = MARKERS[kind]()
            except MarkerError as error:
                markers[kind] = error
        if isinstance(markers[kind], MarkerError):
            raise markers[kind]
        return markers[kind]

    def count_check(self, request):
        """The self-check before any count is trusted: an empty region, spin(n) and spin(2n). The
        orchestrator reads the three parts: more than nothing inside the region, and twice the
        work about twice the count."""
        out_dir = _field(request, "outDir", str)
        n = _field(request, "n", int, required=False) or 20000
        try:
            marker = self._marker(request)
            parts = [count_region(marker, out_dir, "check-%d" % i, spin, [k], 1, 1)
                     for i, k in enumerate((0, n, 2 * n))]
        except MarkerError as error:
            return {"type": "count-check", "status": "error", "error": _error("MarkerError", str(error))}
        return {"type": "count-check", "status": "ok", "marker": marker.kind, "n": n, "parts": parts}

    def count(self, request):
        """Counts one cell: ``passes`` passes over the loaded records in one callgrind part."""
        failure, target, operation = self._precheck(request)
        if failure is not None:
            return failure
        out_dir = _field(request, "outDir", str)
        label = _field(request, "label", str)
        if not re.match(r"^[A-Za-z0-9_.:-]{1,64}$", label):
            raise ProtocolError("count request: label must be 1-64 of A-Z a-z 0-9 _ . : - (got %r)" % label)
        passes = _field(request, "passes", int, required=False) or 1
        warmups = _field(request, "warmups", int, required=False)
        warmups = 1 if warmups is None else warmups
        spin_iterations = _field(request, "spin", int, required=False) or 0
        if passes < 1 or warmups < 0 or spin_iterations < 0:
            raise ProtocolError("count request: passes >= 1, warmups >= 0 and spin >= 0")
        try:
            marker = self._marker(request)
        except MarkerError as error:
            return self._failure(request, "error", _error("MarkerError", str(error)))
        function, inputs, failure = self._function_and_inputs(request, target, operation)
        if failure is not None:
            return failure
        try:
            part = count_region(marker, out_dir, label, function, inputs, passes, warmups, spin_iterations)
        except MarkerError as error:
            return self._failure(request, "error", _error("MarkerError", str(error)))
        except Exception as error:
            return self._failure(request, "unsupported", _exception(error))
        return {"type": "counted", "status": "ok", "part": part, "records": len(inputs), "passes": passes,
                "spin": spin_iterations}

    # -- pyprofile ----------------------------------------------------------------------------

    def pyprofile(self, request):
        """Python functions one cell's body runs: call and line events (never times)."""
        failure, target, operation = self._precheck(request)
        if failure is not None:
            return failure
        passes = _field(request, "passes", int, required=False) or 1
        warmups = _field(request, "warmups", int, required=False)
        warmups = 1 if warmups is None else warmups
        lines = _field(request, "lines", bool, required=False, default=True)
        if passes < 1 or warmups < 0:
            raise ProtocolError("pyprofile request: passes >= 1 and warmups >= 0")
        function, inputs, failure = self._function_and_inputs(request, target, operation)
        if failure is not None:
            return failure
        try:
            files, functions, other = profile_python(function, inputs, passes, warmups, lines)
        except Exception as error:
            return self._failure(request, "unsupported", _exception(error))
        return {
            "type": "pyprofiled",
            "status": "ok",
            "records": len(inputs),
            "passes": passes,
            "lines": lines,
            "python": "%s %s" % (platform.python_implementation(), platform.python_version()),
            "files": files,
            "functions": functions,
            "other": other,
        }

    def pin(self, request):
        """Binds this process to one CPU: the ``slot``-th (modulo their number) of the CPUs it may
        run on. The two sides of a lockstep pair take the same slot, so that both run on the CPU
        whose speed they share (on a virtual machine each virtual CPU has phases of its own); a
        duet's sides take different slots. Where the system cannot bind a process (not Linux),
        the reply says so with ``cpu`` null and the process runs where the system puts it."""
        slot = _field(request, "slot", int)
        if slot < 0:
            raise ProtocolError("pin request: slot must be >= 0")
        getter = getattr(os, "sched_getaffinity", None)
        setter = getattr(os, "sched_setaffinity", None)
        if getter is None or setter is None:
            return {"type": "pinned", "cpu": None, "cpus": None}
        cpus = sorted(getter(0))
        cpu = cpus[slot % len(cpus)]
        try:
            setter(0, {cpu})
        except OSError as error:
            return {"type": "pinned", "cpu": None, "cpus": cpus, "note": str(error)}
        return {"type": "pinned", "cpu": cpu, "cpus": cpus}

    def handle(self, raw):
        """One request line -> (reply or None, keep_going)."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return {"type": "error", "error": _error("ProtocolError", "request is not UTF-8: %s" % error)}, True
        if not text.strip():
            return None, True
        try:
            request = json.loads(text)
        except ValueError as error:
            return {"type": "error", "error": _error("ProtocolError", "request is not JSON: %s" % error)}, True
        if not isinstance(request, dict):
            return {"type": "error", "error": _error("ProtocolError", "request must be a JSON object, got %s" % type(request).__name__)}, True
        _mark_request(request.get("id"))
        kind = request.get("type")
        handlers = {
            "hello": self.hello,
            "load": self.load,
            "measure": self.measure,
            "memory": self.memory,
            "count-check": self.count_check,
            "count": self.count,
            "pyprofile": self.pyprofile,
            "pin": self.pin,
        }
        if kind == "exit":
            return None, False
        try:
            if kind not in handlers:
                raise ProtocolError(
                    'unknown request type %s (known: hello, load, measure, memory, count-check, count, pyprofile, pin, exit)'
                    % (json.dumps(kind) if kind is not None else "(missing \"type\")")
                )
            reply = handlers[kind](request)
        except ProtocolError as error:
            reply = {"type": "error", "error": _error("ProtocolError", str(error))}
        except Exception as error:
            reply = {"type": "error", "error": _error(type(error).__name__, "%s\n%s" % (error, traceback.format_exc()))}
        if "id" in request:
            reply["id"] = request["id"]
        return reply, True


def _mark_request(request_id):
    """Marks in stderr where a request's output begins: NUL "dsb:" id NUL (see stderr_log.ts).

    What a library printed before is flushed first, so the orchestrator can tell the stderr of the
    request in progress (kept when the process crashes or hangs) from that of earlier ones.
    """
    if not isinstance(request_id, int) or isinstance(request_id, bool) or request_id < 0:
        return
    try:
        sys.stderr.flush()
        os.write(2, ("\0dsb:%d\0" % request_id).encode("ascii"))
    except (OSError, ValueError):
        pass


def _freeze():
    try:
        import importlib.metadata as metadata

        found = {}
        for dist in metadata.distributions():
            name = dist.metadata["Name"]
            if name and name not in found:
                found[name] = dist.version
        return dict(sorted(found.items(), key=lambda item: item[0].lower()))
    except Exception:
        return {}


def _json_default(value):
    if isinstance(value, float):
        return None
    return str(value)


def _encode(reply):
    try:
        return json.dumps(reply, allow_nan=False, separators=(",", ":"), default=_json_default)
    except ValueError:
        return json.dumps(_sanitize(reply), allow_nan=False, separators=(",", ":"), default=_json_default)


def _sanitize(value):
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _sanitize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_sanitize(v) for v in value]
    return value


def main():
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError, AttributeError):
        pass
    out = os.fdopen(protocol_fd, "wb", buffering=0)
    runner = Runner()
    stdin = sys.stdin.buffer
    while True:
        raw = stdin.readline()
        if not raw:
            break
        reply, keep_going = runner.handle(raw)
        if reply is not None:
            out.write((_encode(reply) + "\n").encode("utf-8"))
        if not keep_going:
            break
    out.close()


if __name__ == "__main__":
    main()
