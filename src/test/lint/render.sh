#!/usr/bin/env bash
# Regenerates docs/images/<slug>.png: the compiled BPMN of the sample specs, drawn by bpmn-js
# in headless Chromium.
#
#   src/test/lint/render.sh [SLUG...]      (default: the four documented samples)
#
# Needs node/npm and Debian's chromium (apt-get install chromium; browser downloads by
# puppeteer/playwright do not work here). The BPMN comes from src/test/resources/golden/,
# which BpmnCompilerGoldenTest keeps byte-identical to the compiler's output (regenerate it
# with ./mvnw -q -B test -Dtest=BpmnCompilerGoldenTest -Dbaton.golden.update=true); set
# BPMN_DIR=target/lint to draw what BpmnLintTest compiled instead; DEVICE_SCALE=2 for sharper
# PNGs (twice the pixels). CHROMIUM overrides the
# browser's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bpmn_dir="${BPMN_DIR:-$root/src/test/resources/golden}"
[ $# -gt 0 ] || set -- full-development-cycle guarded-release critic-loop research-fan-out
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node render.mjs "$bpmn_dir" "$root/docs/images" "$@"
