#!/usr/bin/env bash
# The libFuzzer targets, built with clang (preset fuzz): the command-line parsers
# (fuzz/parsers_fuzz.cpp, seeds in fuzz/corpus) and the HTTP request and response readers a
# network peer feeds (fuzz/http_fuzz.cpp, seeds in fuzz/http-corpus). Usage:
#   scripts/fuzz.sh                   replay both seed corpora once (what CI does)
#   scripts/fuzz.sh SECONDS [TARGET]  fuzz one target (parsers or http; default parsers) for that
#                                     long, in a scratch corpus seeded from its seeds
# New inputs stay in the scratch directory; copy the few worth keeping into the seed directory.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

declare -A seeds=([parsers]=fuzz/corpus [http]=fuzz/http-corpus)

if [[ $# -eq 0 ]]; then
  for target in parsers http; do
    "build/fuzz/concur_fuzz_$target" -runs=0 "${seeds[$target]}"
    echo "fuzz: $target: replayed $(ls "${seeds[$target]}" | wc -l) corpus inputs, no crash"
  done
else
  target=${2:-parsers}
  [[ -n ${seeds[$target]:-} ]] || { echo "fuzz: unknown target '$target' (parsers or http)" >&2; exit 2; }
  work=build/fuzz/work-$target
  mkdir -p "$work/corpus" "$work/artifacts"
  "build/fuzz/concur_fuzz_$target" -max_total_time="$1" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "${seeds[$target]}"
fi
