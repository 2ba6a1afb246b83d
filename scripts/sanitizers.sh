#!/usr/bin/env bash
# Builds and runs the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (preset asan) and under ThreadSanitizer (preset tsan); in the asan build also the classroom
# default, `concur-demo all`, under LeakSanitizer. Usage: scripts/sanitizers.sh [asan] [tsan]
#
# Zero reports means zero in any process: the tool, its measured processes, their fork
# children, the test binary. Every sanitizer writes its reports into one log directory instead
# of stderr, and the script fails if anything is there, whatever the exit codes said.
#
# The presets build with -O1 -g1 (CMakePresets.json): the sanitizers' documented level, line
# tables enough for every report's stack, and a third less compile time than -O2 -g on the
# Asio units, which keeps CI's two sanitizer builds inside its time on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[[ ${#presets[@]} -gt 0 ]] || presets=(asan tsan)

logs=$(mktemp -d)
chmod 1777 "$logs"  # the tests also run the tool as an unprivileged user
# TSan reads its suppressions in every process, the unprivileged ones too, and a checkout may sit
# where they cannot read (a clone in a mktemp directory is 0700): they read a copy beside the logs.
shared=$(mktemp -d)
chmod 755 "$shared"
install -m 644 scripts/tsan.supp "$shared/tsan.supp"
trap 'rm -rf "$logs" "$shared"' EXIT
common="halt_on_error=1:log_path=$logs/report"
export ASAN_OPTIONS="$common:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="$common:print_stacktrace=1"
export TSAN_OPTIONS="$common:second_deadlock_stack=1:suppressions=$shared/tsan.supp"

reports_or_fail() {
  # An exception thrown on a Boost.Context fiber's stack makes ASan warn, once per process, that
  # it ignores a no-return call on a stack it does not know: a warning, not a finding. A log
  # holding only that warning is dropped; anything else in it still fails the run.
  for log in "$logs"/*; do
    [[ -e $log ]] || continue
    grep -qv -e 'ASan is ignoring requested __asan_handle_no_return' -e '^False positive error reports may follow' \
      -e '^For details see https://github.com/google/sanitizers/issues/189' "$log" || rm -f "$log"
  done
  if compgen -G "$logs/*" >/dev/null; then
    head -c 20000 "$logs"/*
    echo "sanitizers: reports found during $1" >&2
    exit 1
  fi
}

for preset in "${presets[@]}"; do
  start=$SECONDS
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  built=$SECONDS
  status=0
  # The install tree and the Debian package are the release build's (a package of a sanitizer
  # build is no product, and CPack spends a minute and a half on it): they run in that suite.
  ctest --preset "$preset" -j2 --exclude-regex '^install\.' || status=$?
  reports_or_fail "the $preset test suite"
  [[ $status -eq 0 ]] || exit "$status"
  if [[ $preset == asan ]]; then
    # The default run, every model on every scenario: the measured processes check for leaks
    # themselves before they _exit (src/isolated_run.cpp), the main process at its exit.
    "build/$preset/concur-demo" all >/dev/null
    reports_or_fail "concur-demo all"
  fi
  echo "sanitizers: $preset: build $((built - start)) s, tests $((SECONDS - built)) s, no reports"
done
