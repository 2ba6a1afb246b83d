#!/usr/bin/env bash
# The hostile pass of docs/reliability.md, rerun: every case runs the real binary as a hostile
# user would (odd paths, odd values, odd environments, resource limits, signals at odd moments)
# and checks the promises that hold for every run, besides the case's own expectation:
#   - the exit code is one the case allows (never a crash: 134, 136, 139 are always failures);
#   - a refusal (exit 2) is exactly one line on stderr and nothing on stdout;
#   - stderr carries no raw escape character (outside text is shown escaped);
#   - the case's TMPDIR is empty afterwards, and no process of the case is left running;
#   - no core file appears in the case's working directory.
# Usage: bash scripts/hostile.sh [--markdown] [CASE-ID...]
#   BINARY=path   the binary to try (default build/release/concur-demo)
# Prints one line per case (PASS/FAIL and why) and a summary; --markdown prints the table of
# docs/reliability.md instead. Runs as root or not; cases that need root (to run as nobody, or
# to make a file another user owns) say "skip" otherwise. Takes a few minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

markdown=0
if [[ ${1:-} == --markdown ]]; then
  markdown=1
  shift
fi
only=("$@")
binary=$(realpath "${BINARY:-build/release/concur-demo}")
[[ -x $binary ]] || { echo "hostile: no binary at $binary (build first)" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
# A copy everyone may run (a checkout in a home directory may be closed to other users).
cp "$binary" "$work/concur-demo"
chmod 755 "$work/concur-demo"
B=$work/concur-demo
export B
as_root=0
[[ $(id -u) -eq 0 ]] && as_root=1

passed=0
failed=0
skipped=0
rows=()

# Everything a case runs sees these; the mark finds its processes afterwards.
# QUICK: a short run (sleep, one model); QS: the same, the model left to the case; QF: files.
export QUICK="--tasks 2 --delay 1ms --model sequential --repeat 1 --warmup 0"
export QS="--tasks 2 --delay 1ms --repeat 1 --warmup 0"
export QF="--tasks 2 --size 4KiB --model sequential --repeat 1 --warmup 0"
export QD="--model sequential --repeat 1 --warmup 0"  # files --dir: the directory sets tasks and sizes

note() {
  local id=$1 category=$2 what=$3 expected=$4 got=$5 verdict=$6
  got=${got//"$work/"/}  # the scratch directory's random name says nothing
  if ((markdown)); then
    what=${what//|/\\|}
    expected=${expected//|/\\|}
    got=${got//|/\\|}
    rows+=("| $id | $category | $what | $expected | $got |")
  else
    printf '%-4s %-5s %-10s %s — %s\n' "$id" "$verdict" "$category" "$what" "$got"
  fi
}

wanted() {
  ((${#only[@]} == 0)) && return 0
  local id
  for id in "${only[@]}"; do [[ $id == "$1" ]] && return 0; done
  return 1
}

# Processes whose environment carries this case's mark (children inherit it).
left_running() {
  local mark=$1 file pid found=()
  for file in $(grep -lasz -x "HOSTILE_CASE=$mark" /proc/[0-9]*/environ); do
    pid=${file#/proc/}
    pid=${pid%/environ}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == Z ]] || found+=("$pid")
  done
  echo "${found[*]}"
}

# hostile ID CATEGORY "WHAT" EXPECTED-EXIT-REGEX "COMMAND" [CHECK]
# COMMAND runs in bash in the case's own directory ($dir, also its working directory) with
# TMPDIR=$dir/tmp; its stdout and stderr go to $dir/out and $dir/err, and $code is set before
# CHECK (bash, true when the case's own promise holds) runs. EXPECTED is a regular expression
# for the exit code ("^2$", "^(0|1)$").
hostile() {
  local id=$1 category=$2 what=$3 expected=$4 command=$5 check=${6:-true}
  wanted "$id" || return 0
  local dir=$work/case-$id
  mkdir -p "$dir/tmp"
  chmod 1777 "$dir" "$dir/tmp"
  local code
  (
    cd "$dir" || exit 99
    export TMPDIR=$dir/tmp HOSTILE_CASE=$id dir
    timeout -k 5 300 bash -c "$command" >"$dir/out" 2>"$dir/err"
  )
  code=$?
  local why=()
  [[ $code =~ $expected ]] || why+=("exit $code, expected ${expected//[\^\$]/}")
  case $code in 124 | 134 | 136 | 139) why+=("crashed or hung (exit $code)") ;; esac
  if [[ $code == 2 ]]; then
    [[ $(grep -c '' "$dir/err") == 1 ]] || why+=("refusal not one line: $(head -c 300 "$dir/err" | tr '\n' '/')")
    [[ ! -s $dir/out ]] || why+=("refusal printed on stdout")
  fi
  if grep -q $'\x1b' "$dir/err"; then why+=("raw escape character on stderr"); fi
  local stray
  for _ in $(seq 50); do
    stray=$(left_running "$id")
    [[ -z $stray ]] && break
    sleep 0.1
  done
  [[ -z $stray ]] || { why+=("left running: $stray"); kill -9 $stray 2>/dev/null; }
  [[ -z $(ls -A "$dir/tmp" 2>/dev/null) ]] || why+=("TMPDIR not empty: $(ls -A "$dir/tmp" | head -3 | tr '\n' ' ')")
  compgen -G "$dir/core*" >/dev/null && why+=("core file left")
  if ((${#why[@]} == 0)); then
    if ! (cd "$dir" && export dir code && bash -c "$check") >"$dir/check" 2>&1; then
      why+=("its own check failed: $(head -c 300 "$dir/check" | tr '\n' ' ')")
    fi
  fi
  local got="exit $code"
  [[ -s $dir/err ]] && got+=": $(head -n 1 "$dir/err" | cut -c 1-150)"
  if ((${#why[@]} == 0)); then
    passed=$((passed + 1))
    note "$id" "$category" "$what" "${expected//[\^\$]/}" "$got" PASS
  else
    failed=$((failed + 1))
    note "$id" "$category" "$what" "${expected//[\^\$]/}" "FAIL: ${why[*]} ($got)" FAIL
  fi
}

skip() {
  wanted "$1" || return 0
  skipped=$((skipped + 1))
  note "$1" "$2" "$3" "-" "skip: $4" skip
}

# The cases, by group, one file each.
for group in "$root"/scripts/hostile/*.sh; do
  # shellcheck source=/dev/null
  source "$group"
done

if ((markdown)); then
  echo "| # | area | case | exit | outcome |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
fi
echo "hostile: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
