#!/usr/bin/env bash
# The libFuzzer target for the command-line parsers (fuzz/parsers_fuzz.cpp), built with clang
# (preset fuzz). Usage:
#   scripts/fuzz.sh            replay the seed corpus in fuzz/corpus once (what CI does)
#   scripts/fuzz.sh SECONDS    fuzz for that long, in a scratch corpus seeded from fuzz/corpus
# New inputs stay in the scratch directory; copy the few worth keeping into fuzz/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
fuzzer=build/fuzz/concur_fuzz_parsers
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

if [[ $# -eq 0 ]]; then
  "$fuzzer" -runs=0 fuzz/corpus
  echo "fuzz: replayed $(ls fuzz/corpus | wc -l) corpus inputs, no crash"
else
  work=build/fuzz/work
  mkdir -p "$work/corpus" "$work/artifacts"
  "$fuzzer" -max_total_time="$1" -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" fuzz/corpus
fi
