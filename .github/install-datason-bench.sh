#!/usr/bin/env bash
# Used by the workflows: installs the pinned Deno from npm next to this checkout of datason-bench
# and puts a `datason-bench` command on the job's PATH (the same permissions as the release binary).
set -euo pipefail
tool=$(cd "$(dirname "$0")/.." && pwd)
(cd "$tool/tools/deno" && npm ci --no-audit --no-fund --loglevel=error)
bin="${RUNNER_TEMP:-/tmp}/datason-bench-bin"
mkdir -p "$bin"
cat > "$bin/datason-bench" <<SH
#!/bin/sh
exec "$tool/tools/deno/node_modules/.bin/deno" run --allow-read --allow-write --allow-run --allow-env --allow-sys --no-prompt "$tool/main.ts" "\$@"
SH
chmod +x "$bin/datason-bench"
echo "$bin" >> "${GITHUB_PATH:-/dev/null}"
"$bin/datason-bench" --version
