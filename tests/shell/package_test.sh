#!/usr/bin/env bash
# The Debian package, made by CPack from the build tree: its control fields (version from
# CMakeLists.txt, Depends: computed from the shared libraries and free of Open MPI and Python,
# python3 and openmpi-bin only recommended or suggested), its files (binary, man page, the three
# completions, docs, all root-owned), and the binary inside it runs. Installing it for real is
# tests/shell/chroot_package_test.sh (root, a Debian mirror).
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

build=$(cd "${1:?usage: package_test.sh BUILD_DIR SOURCE_DIR}" && pwd)
source_dir=$(cd "${2:?usage: package_test.sh BUILD_DIR SOURCE_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
pass() { echo "ok   $*"; }
check() { checks=$((checks + 1)); }

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log"
  echo "FAIL cpack -G DEB"
  exit 1
}
project_version=$(sed -n 's/^project(concur-demo VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
deb="$work/out/concur-demo_${project_version}-1_$(dpkg --print-architecture).deb"
check
if [[ -f $deb ]]; then pass "package ${deb##*/}"; else fail "no ${deb##*/} in: $(ls "$work/out")"; exit 1; fi

field() { dpkg-deb -f "$deb" "$1"; }
expect_field() {
  check
  local value
  value=$(field "$1")
  if [[ $value =~ $2 ]]; then pass "$1: $(head -1 <<<"$value")"; else fail "$1 is '$value', wanted /$2/"; fi
}
expect_field Package '^concur-demo$'
expect_field Version "^${project_version//./\\.}-1\$"
expect_field Section '^devel$'
expect_field Priority '^optional$'
expect_field Maintainer '.+ <.+@.+>'
expect_field Description '^concurrency models .+'
expect_field Depends 'libc6 \(>= '
# Boost.Fiber, Boost.Context and liburing may be linked statically (fewer libraries for each fork
# to map); whichever the binary does load must be in Depends.
unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
needed=$(objdump -p "$unpacked/usr/bin/concur-demo" | awk '/NEEDED/ {print $2}')
rm -rf "$unpacked"
grep -q '^libboost_fiber' <<<"$needed" && expect_field Depends 'libboost-fiber1\.[0-9]+\.[0-9]+'
grep -q '^libboost_context' <<<"$needed" && expect_field Depends 'libboost-context1\.[0-9]+\.[0-9]+'
grep -q '^liburing' <<<"$needed" && expect_field Depends 'liburing'
expect_field Recommends 'python3'
expect_field Suggests 'openmpi-bin'
check
if field Depends | grep -q -i 'mpi\|python'; then fail "Depends names MPI or Python: $(field Depends)"; else pass "Depends needs neither Open MPI nor Python"; fi
check
if [[ $(dpkg-deb -f "$deb" Description | wc -l) -gt 3 ]]; then pass "a long description"; else fail "no long description"; fi

listing=$(dpkg-deb -c "$deb")
for path in ./usr/bin/concur-demo ./usr/libexec/concur-demo/concur-demo-fork-parent ./usr/share/man/man1/concur-demo.1 \
  ./usr/share/bash-completion/completions/concur-demo ./usr/share/zsh/vendor-completions/_concur-demo \
  ./usr/share/fish/vendor_completions.d/concur-demo.fish ./usr/share/doc/concur-demo/README.md \
  ./usr/share/doc/concur-demo/docs/lessons/python-gil.md; do
  check
  if grep -q " $path\$" <<<"$listing"; then pass "lists $path"; else fail "does not list $path"; fi
done
check
if awk '{print $2}' <<<"$listing" | grep -v '^root/root$' | grep -q .; then
  fail "files not owned by root: $(awk '$2 != "root/root"' <<<"$listing")"
else
  pass "every file root/root"
fi
check
if grep -v ' \./usr/' <<<"$listing" | grep -v ' \./$' | grep -q .; then
  fail "files outside /usr: $(grep -v ' \./usr/' <<<"$listing")"
else
  pass "everything under /usr"
fi

dpkg-deb -x "$deb" "$work/root"
check
if version=$("$work/root/usr/bin/concur-demo" --version) && [[ $version == "concur-demo $project_version "* ]]; then
  pass "the packaged binary: $version"
else
  fail "the packaged binary's --version: $version"
fi
check
if ! readelf -S "$work/root/usr/bin/concur-demo" | grep -q '\.symtab'; then
  pass "the packaged binary is stripped"
else
  fail "the packaged binary is not stripped"
fi
check
if LC_ALL=C.UTF-8 man --warnings -l "$work/root/usr/share/man/man1/concur-demo.1" 2>&1 >/dev/null | grep -q .; then
  fail "the packaged man page has warnings"
else
  pass "the packaged man page renders without warnings"
fi

echo "$((checks - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
