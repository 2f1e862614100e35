# Describes the interpreter it runs in, as one JSON line on stdout: version, implementation,
# executable, prefixes and (with the argument "freeze") every installed distribution and its version
# read with importlib.metadata, the way `import` finds them (first one on sys.path wins).
# Standard library only; started by datason-bench as `python -X utf8 -c <this file> [freeze]`.
import json
import platform
import sys

info = {
    "python": platform.python_version(),
    "implementation": platform.python_implementation(),
    "executable": sys.executable,
    "prefix": sys.prefix,
    "basePrefix": sys.base_prefix,
}
if "freeze" in sys.argv[1:]:
    from importlib import metadata

    freeze = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name and name not in freeze:
            freeze[name] = dist.version
    info["freeze"] = dict(sorted(freeze.items(), key=lambda item: item[0].lower()))
sys.stdout.write(json.dumps(info) + "\n")
