#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build everything (Release) and run the whole
# test suite through CTest. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --tests
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release -j2
