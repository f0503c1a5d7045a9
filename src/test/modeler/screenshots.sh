#!/usr/bin/env bash
# Regenerates docs/images/modeler-agent-task.png, modeler-approval-gate.png and
# modeler-budget-check.png: Camunda Modeler's editor for Camunda 7 (bpmn-js, the properties
# panel, Baton's element templates from processes/element-templates) with a compiled BPMN open
# and an agent task, an approval gate and a budget check selected in turn (see modeler.mjs).
#
#   src/test/modeler/screenshots.sh [SLUG [AGENT_TASK_ID GATE_ID BUDGET_CHECK_ID]]
#
# Default: full-development-cycle with plan, approval_gate and plan__budget. Needs node/npm and
# Debian's chromium (apt-get install chromium; CHROMIUM overrides its path). The BPMN comes from
# src/test/resources/golden/ (BpmnCompilerGoldenTest keeps it byte-identical to the compiler's
# output); BPMN_DIR=target/lint draws what BpmnLintTest compiled instead; OUT_DIR another folder.
# ModelerBrowserIT takes the same pictures of the BPMN a running Baton serves into
# target/modeler/screenshots/ (with -Dbaton.screenshots.update=true into docs/images/): that is
# where the guide's pictures come from, as a deployed BPMN also names the registry agent Baton
# chose, which the goldens (compiled without a registry) leave empty.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bpmn_dir="${BPMN_DIR:-$root/src/test/resources/golden}"
out_dir="${OUT_DIR:-$root/docs/images}"
slug="${1:-full-development-cycle}"
[ $# -gt 0 ] && shift
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node modeler.mjs screenshots "$bpmn_dir/$slug.bpmn" "$out_dir" "$@"
