#!/usr/bin/env bash
# The generated man page: groff and man render it without a single warning (every warning
# category on, on the terminal, ASCII and PostScript devices), apropos can read its NAME line,
# it has the sections a man page owes its reader, and it names every command, option and model
# the real binary's --help and list show, with the binary's version.
# Usage: man_lint_test.sh MAN_PAGE BINARY
set -euo pipefail

page=${1:?usage: man_lint_test.sh MAN_PAGE BINARY}
binary=${2:?usage: man_lint_test.sh MAN_PAGE BINARY}
failures=0
checks=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
pass() { echo "ok   $*"; }
check() { checks=$((checks + 1)); }

for tool in groff man lexgrog; do
  command -v "$tool" >/dev/null || {
    echo "FAIL $tool is not installed (scripts/install-deps.sh installs groff-base and man-db)"
    exit 1
  }
done

for device in utf8 ascii ps; do
  check
  warnings=$(groff -man -ww -z -T"$device" "$page" 2>&1)
  if [[ -n $warnings ]]; then fail "groff -ww -T$device: $warnings"; else pass "groff -ww -z -T$device: no warning"; fi
done

for locale in C.UTF-8 C; do
  check
  warnings=$(LC_ALL=$locale MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  if [[ -n $warnings ]]; then fail "man --warnings -l ($locale): $warnings"; else pass "man --warnings -l ($locale): no warning"; fi
done

check
if name=$(lexgrog "$page") && [[ $name == *'concur-demo - '* ]]; then pass "lexgrog: $name"; else fail "lexgrog: $name"; fi

text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null)
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS VALUES MODELS SCENARIOS LESSONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
  check
  if grep -qx "$section" <<<"$text"; then pass "section $section"; else fail "no section $section"; fi
done
for variable in NO_COLOR CLICOLOR_FORCE COLUMNS TMPDIR; do
  check
  if grep -q "^ *$variable\$\|^ *$variable " <<<"$text"; then pass "environment $variable"; else fail "environment: no $variable"; fi
done

# What the real binary offers, read from its own help and list: every command, every option of
# every command, every model.
commands=$("$binary" --help | awk 'tolower($0) ~ /^subcommands:/ {on = 1; next} /^$/ {on = 0} on && /^  [a-z]/ {print $1}')
check
if [[ -n $commands ]]; then pass "the binary lists commands: ${commands//$'\n'/ }"; else fail "cannot read the commands from $binary --help"; fi
for command in $commands; do
  check
  if grep -q "concur-demo .*\b$command\b" <<<"$text"; then pass "command $command"; else fail "command $command is not in the page"; fi
  for option in $("$binary" "$command" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    check
    if grep -q -- "$option\b" <<<"$text"; then :; else fail "$command: option $option is not in the page"; fi
  done
done
pass "every option of every command's --help is in the page"
for model in $("$binary" list | awk '/^models|^asked/ {on = 1; next} /^$/ {on = 0} on && /^  [^ ]/ {print $1}'); do
  check
  grep -q "^ *$model\b" <<<"$text" || fail "model $model is not in the page"
done
pass "every model of list is in the page"

check
version=$("$binary" --version | awk '{print $2}')
if grep -q "concur-demo $version" <<<"$text"; then pass "version $version"; else fail "the page does not carry version $version"; fi

echo "$((checks - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
