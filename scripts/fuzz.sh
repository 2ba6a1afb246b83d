#!/usr/bin/env bash
# The libFuzzer targets, one per kind of outside input (fuzz/*_fuzz.cpp), built with clang
# (preset fuzz), each with its seed corpus:
#   parsers         fuzz/corpus                        durations, sizes, counts, lists, whole command lines
#   option_values   fuzz/corpus-option-values          every option of the table's value, sweep --vary
#   dir_listing     fuzz/corpus-dir-listing            --dir directories with odd names and entries
#   python_results  fuzz/corpus-python-results         what the Python reference program sends back
#   http            fuzz/http-corpus                   the HTTP requests serve reads, the responses net reads
# Usage:
#   scripts/fuzz.sh                      replay every corpus once through the libFuzzer builds
#   scripts/fuzz.sh --replay             replay every corpus once through plain drivers in the
#                                        ASan+UBSan build (preset asan; what CI does)
#   scripts/fuzz.sh SECONDS [TARGET...]  fuzz each target (default: all) that long, in a scratch
#                                        corpus seeded from its own; findings go to build/fuzz/work
# New inputs stay in the scratch directory; copy the few worth keeping into the target's corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A corpus=(
  [parsers]=fuzz/corpus
  [option_values]=fuzz/corpus-option-values
  [dir_listing]=fuzz/corpus-dir-listing
  [python_results]=fuzz/corpus-python-results
  [http]=fuzz/http-corpus
)
order=(parsers option_values dir_listing python_results http)

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

if [[ ${1:-} == --replay ]]; then
  # The corpora through the ASan+UBSan build's plain drivers (fuzz/replay_main.cpp): what CI runs,
  # with no clang build of the whole tool.
  cmake --preset asan >/dev/null
  cmake --build --preset asan --target "${order[@]/#/concur_replay_}"
  for target in "${order[@]}"; do
    "build/asan/concur_replay_$target" "${corpus[$target]}"
    echo "fuzz: $target: replayed its corpus under ASan+UBSan, no finding"
  done
  exit 0
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

if [[ $# -eq 0 ]]; then
  for target in "${order[@]}"; do
    "build/fuzz/concur_fuzz_$target" -runs=0 "${corpus[$target]}"
    echo "fuzz: $target: replayed $(find "${corpus[$target]}" -type f | wc -l) corpus inputs, no finding"
  done
  exit 0
fi

seconds=$1
shift
chosen=("$@")
[[ ${#chosen[@]} -gt 0 ]] || chosen=("${order[@]}")
for target in "${chosen[@]}"; do
  [[ -n ${corpus[$target]:-} ]] || { echo "fuzz: no target '$target' (targets: ${order[*]})" >&2; exit 2; }
  work=build/fuzz/work/$target
  mkdir -p "$work/corpus" "$work/artifacts"
  "build/fuzz/concur_fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" "${corpus[$target]}"
done
