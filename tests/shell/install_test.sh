#!/usr/bin/env bash
# `cmake --install` into a fresh prefix and into a DESTDIR: the binary, the fork model's parent
# program, the man page, the three completions and the documentation land where their readers
# look; the installed binary runs a measured scenario (fork among its models), the Python rows
# included, from the installed location with the source tree made invisible (as root, in a
# private mount namespace), so it reads nothing from there.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

build=$(cd "${1:?usage: install_test.sh BUILD_DIR SOURCE_DIR}" && pwd)
source_dir=$(cd "${2:?usage: install_test.sh BUILD_DIR SOURCE_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
pass() { echo "ok   $*"; }
has() {
  checks=$((checks + 1))
  if [[ -s $1 ]]; then pass "${1#"$work"/}"; else fail "missing ${1#"$work"/}"; fi
}

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
has "$prefix/bin/concur-demo"
has "$prefix/libexec/concur-demo/concur-demo-fork-parent"
has "$prefix/share/man/man1/concur-demo.1"
has "$prefix/share/bash-completion/completions/concur-demo"
has "$prefix/share/zsh/site-functions/_concur-demo"
has "$prefix/share/fish/vendor_completions.d/concur-demo.fish"
has "$prefix/share/doc/concur-demo/README.md"
has "$prefix/share/doc/concur-demo/docs/measurement.md"
has "$prefix/share/doc/concur-demo/docs/lessons/waiting-overlaps.md"
has "$prefix/share/doc/concur-demo/python/reference.py"
checks=$((checks + 1))
if find "$prefix" -name '*docgen*' -o -name '*test*' | grep -q .; then
  fail "the generator or a test was installed: $(find "$prefix" -name '*docgen*' -o -name '*test*')"
else
  pass "only what a user needs is installed ($(find "$prefix" -type f | wc -l) files)"
fi
checks=$((checks + 1))
if [[ $(stat -c %a "$prefix/bin/concur-demo") == 755 && $(stat -c %a "$prefix/share/man/man1/concur-demo.1") == 644 ]]; then
  pass "modes 755 (binary) and 644 (man page)"
else
  fail "modes: $(stat -c '%a %n' "$prefix/bin/concur-demo" "$prefix/share/man/man1/concur-demo.1")"
fi
checks=$((checks + 1))
if MANPATH="$prefix/share/man" man -w concur-demo | grep -q "^$prefix/share/man/man1/concur-demo.1"; then
  pass "man finds concur-demo(1) under the prefix"
else
  fail "man -w concur-demo does not find the installed page"
fi

# DESTDIR, with the prefix a package uses: Debian's zsh searches vendor-completions there.
DESTDIR="$work/stage" cmake --install "$build" --prefix /usr >"$work/destdir.log"
has "$work/stage/usr/bin/concur-demo"
has "$work/stage/usr/libexec/concur-demo/concur-demo-fork-parent"
has "$work/stage/usr/share/man/man1/concur-demo.1"
has "$work/stage/usr/share/bash-completion/completions/concur-demo"
has "$work/stage/usr/share/zsh/vendor-completions/_concur-demo"
has "$work/stage/usr/share/fish/vendor_completions.d/concur-demo.fish"
checks=$((checks + 1))
outside=$(sed -n 's/^-- \(Installing\|Up-to-date\): //p' "$work/destdir.log" | grep -v "^$work/stage/" || true)
if [[ -n $outside ]]; then
  fail "DESTDIR was not honoured for: $outside"
else
  pass "DESTDIR honoured: all $(grep -c '^-- ' "$work/destdir.log") files inside the stage"
fi

# Run it from the installed location, from /, with the source tree (and the build tree in it)
# hidden behind an empty file system when this user may do so.
# fork: its parent program is found in libexec/concur-demo/, beside nothing of the build.
models=sequential,thread,fork
run=(env -C / "$prefix/bin/concur-demo" sleep --tasks 4 --delay 20ms --repeat 1 --warmup 0 --model "$models")
hidden=no
if [[ $(id -u) -eq 0 ]] && command -v unshare >/dev/null && unshare --mount true 2>/dev/null; then
  hidden=yes
  # shellcheck disable=SC2016 # the inner shell expands $0 and $@
  run=(unshare --mount sh -c 'mount -t tmpfs none "$0" && exec "$@"' "$source_dir" "${run[@]}")
fi
checks=$((checks + 1))
if output=$("${run[@]}" 2>&1) && grep -q "thread" <<<"$output" && grep -q "^fork .*✓" <<<"$output"; then
  pass "the installed binary measures sleep from / (source tree hidden: $hidden)"
else
  fail "the installed binary failed (source tree hidden: $hidden): $output"
fi
checks=$((checks + 1))
version=$("$prefix/bin/concur-demo" --version)
project_version=$(sed -n 's/^project(concur-demo VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
if [[ $version == "concur-demo $project_version "* ]]; then
  pass "--version: $version"
else
  fail "--version says '$version', CMakeLists.txt says $project_version"
fi
checks=$((checks + 1))
json=$(env -C / "$prefix/bin/concur-demo" sleep --tasks 2 --delay 1ms --repeat 1 --warmup 0 --model sequential --format json)
if grep -q "\"version\": *\"$project_version\"" <<<"$json"; then
  pass "the JSON report carries version $project_version"
else
  fail "the JSON report does not carry version $project_version"
fi
if command -v python3 >/dev/null; then
  checks=$((checks + 1))
  if output=$(env -C / "$prefix/bin/concur-demo" sleep --tasks 2 --delay 10ms --repeat 1 --warmup 0 --model py-thread 2>&1) &&
    grep -q "py-thread" <<<"$output"; then
    pass "the Python rows run from the installed binary"
  else
    fail "the Python rows failed from the installed binary: $output"
  fi
fi

echo "$((checks - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
