#!/usr/bin/env bash
# House style, checked. Two parts, each timed, and the script fails if either finds anything:
#   1. format: every tracked C++ file (src, scenarios, tests, fuzz) is exactly what clang-format
#      makes of it with the committed .clang-format; the files that are not are listed.
#   2. tidy: clang-tidy with the committed .clang-tidy finds nothing in any tracked translation
#      unit, nor in the project headers they include. It reads the compile commands of the
#      release build (CMake writes build/release/compile_commands.json; scripts/test.sh makes
#      it), so run it after a release configure. Units run two at a time, as CI has two cores:
#      each takes 2 to 32 s (CLI11, GoogleTest and nlohmann_json weigh most), the whole tidy
#      about 32 minutes of CPU, so 16 minutes on two cores (238 units, measured in CI's run).
# Usage: bash scripts/lint.sh [--format-only | --tidy-only] [FILE...]   (FILEs: a subset to tidy)
# Environment: LINT_JOBS (default 2), LINT_BUILD_DIR (default build/release).
set -euo pipefail
export LC_ALL=C  # a dot in $EPOCHREALTIME, and one sort order
cd "$(dirname "$0")/.."
root=$PWD
jobs=${LINT_JOBS:-2}
build=${LINT_BUILD_DIR:-build/release}
# Debian's LLVM packages name the tools by version; the .clang-format and .clang-tidy are
# written for 14, and another version may format or warn differently.
clang_format=${CLANG_FORMAT:-clang-format-14}
clang_tidy=${CLANG_TIDY:-clang-tidy-14}

run_format=1
run_tidy=1
case "${1:-}" in
  --format-only) run_tidy=0; shift ;;
  --tidy-only) run_format=0; shift ;;
esac
for tool in $( ((run_format)) && echo "$clang_format") $( ((run_tidy)) && echo "$clang_tidy"); do
  if ! command -v "$tool" >/dev/null; then
    echo "lint: $tool not found; bash scripts/install-deps.sh --ci installs it" >&2
    exit 2
  fi
done

status=0
total_start=$EPOCHREALTIME
# Seconds since $1 (an $EPOCHREALTIME), one decimal.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# The C++ files under version control in the four trees that hold code.
mapfile -t sources < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'scenarios/*.cpp' 'scenarios/*.hpp' \
                                     'tests/*.cpp' 'tests/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp')
if ((${#sources[@]} == 0)); then
  echo "lint: no tracked C++ files found; run it in a git checkout of the project" >&2
  exit 2
fi

if ((run_format)); then
  start=$EPOCHREALTIME
  # --dry-run --Werror reports each unformatted spot as an error naming its file.
  mapfile -t unformatted < <("$clang_format" --style=file --dry-run --Werror "${sources[@]}" 2>&1 |
                              sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error:.*/\1/p' | sort -u)
  if ((${#unformatted[@]})); then
    echo "lint: ${#unformatted[@]} file(s) differ from $clang_format (fix: $clang_format -i FILE):"
    printf '  %s\n' "${unformatted[@]}"
    status=1
  fi
  echo "lint: format check of ${#sources[@]} files took $(elapsed "$start") s"
fi

if ((run_format)); then
  # House style: no source file over 300 lines (one concept per file). Functions over 60 lines
  # are clang-tidy's readability-function-size, configured in .clang-tidy.
  long=()
  for f in "${sources[@]}"; do
    lines=$(wc -l <"$f")
    ((lines > 300)) && long+=("$f ($lines lines)")
  done
  if ((${#long[@]})); then
    echo "lint: ${#long[@]} file(s) over 300 lines (split them by concept):"
    printf '  %s\n' "${long[@]}"
    status=1
  fi
fi

if ((run_tidy)); then
  if [[ ! -f $build/compile_commands.json ]]; then
    echo "lint: $build/compile_commands.json is missing; configure first (cmake --preset release)" >&2
    exit 2
  fi
  if (($#)); then
    units=("$@")
  else
    # Translation units only; each header is checked through the units that include it. A
    # unit outside the build (the fuzz target, built only by the fuzz preset) gets the compile
    # command of its nearest neighbour in the database.
    units=()
    for f in "${sources[@]}"; do [[ $f == *.cpp ]] && units+=("$f"); done
  fi
  # Findings in project headers count too; those in Boost, fmt or the standard library do not.
  # shellcheck disable=SC2016  # the $ is one of the characters to escape, not an expansion
  escaped_root=$(printf '%s' "$root" | sed 's/[][\.*^$()+?{}|]/\\&/g')
  header_filter="^$escaped_root/(src|scenarios|tests|fuzz)/"
  logs=$(mktemp -d)
  trap 'rm -rf "$logs"' EXIT
  start=$EPOCHREALTIME
  # One log per unit, so two units running side by side cannot interleave their lines; a
  # unit's log is kept only when clang-tidy failed on it (a finding or a compile error).
  export clang_tidy build header_filter logs
  # Each unit's wall and CPU seconds go beside its log: CPU time says what a quiet machine
  # would take, whatever else shared this one.
  # shellcheck disable=SC2016  # expanded by the inner shell, from the exported variables
  printf '%s\n' "${units[@]}" | xargs -P "$jobs" -I{} bash -c '
    log="$logs/$(printf "%s" "$1" | tr / _)"
    TIMEFORMAT="%R %U %S $1"
    if { time "$clang_tidy" -p "$build" --quiet --header-filter="$header_filter" "$1" >"$log.out" 2>&1; } \
      2>"$log.time"; then
      rm "$log.out"
    fi
  ' _ {}
  failed=("$logs"/*.out)
  if [[ -e ${failed[0]} ]]; then
    # Each finding with its notes and fix-it hints, once: a header's finding shows in every
    # unit that includes it. Clang-tidy's own tallies ("N warnings generated") are dropped.
    cat "${failed[@]}" | awk '
      /^[^ ].*:[0-9]+:[0-9]+: (warning|error):/ { show = !seen[$0]++ }
      /^[0-9]+ warnings? (generated|treated as errors)|^Suppressed [0-9]+ warnings|^Use -header-filter=/ { next }
      /^Error while processing|^Found compiler error/ { print; next }
      show { print }'
    findings=$(cat "${failed[@]}" | { grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' || true; } | sort -u)
    echo "lint: clang-tidy failed on ${#failed[@]} of ${#units[@]} units; $(grep -c . <<<"$findings") distinct finding(s):"
    sed -E 's/^(.*:[0-9]+):[0-9]+: (warning|error): .*\[([^],]+)[^]]*\]$/  \1 \3/' <<<"$findings" |
      sed "s|^  $root/|  |"
    status=1
  fi
  cpu=$(cat "$logs"/*.time | awk '{ cpu += $2 + $3 } END { printf "%.0f", cpu }')
  echo "lint: clang-tidy of ${#units[@]} units took $(elapsed "$start") s with $jobs jobs ($cpu s of CPU); slowest:"
  cat "$logs"/*.time | sort -rn | head -5 | awk '{ printf "  %5.1f s (%.1f s CPU)  %s\n", $1, $2 + $3, $4 }'
fi

echo "lint: $( ((status)) && echo FAILED || echo passed ) in $(elapsed "$total_start") s"
exit "$status"
