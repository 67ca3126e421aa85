#!/usr/bin/env bash
# The README's first command: set up, build, and run omvarld on its embedded
# default, the bundled offline sample (no internet needed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
"$BUILD_DIR/omvarld" demo --out "${OMVARLD_DEMO_OUT:-$ROOT/reports/out/demo}" "$@"
