#!/usr/bin/env bash
# The Debian package on a clean Debian 12: in a minimal debootstrap system, install the package's
# Depends: from the mirror, `dpkg -i` the package, check every library resolves, run
# `concur-demo all` and the man page and completions from their installed places, then
# `apt-get remove` it and check that not one of its files is left.
# Needs root, debootstrap and a Debian mirror; not part of the CTest suite (it downloads about
# 60 MB and takes a few minutes). Usage: chroot_package_test.sh DEB [CHROOT_DIR]
# CHROOT_DIR is made with debootstrap when it does not exist, and kept for the next run.
set -euo pipefail

deb=$(realpath "${1:?usage: chroot_package_test.sh DEB [CHROOT_DIR]}")
root=${2:-${TMPDIR:-/tmp}/concur-demo-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[[ $(id -u) -eq 0 ]] || {
  echo "chroot_package_test: needs root (chroot, mount)" >&2
  exit 2
}
command -v debootstrap >/dev/null || {
  echo "chroot_package_test: needs debootstrap (apt-get install debootstrap)" >&2
  exit 2
}

if [[ ! -x $root/bin/sh ]]; then
  echo "chroot_package_test: debootstrap --variant=minbase bookworm $root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
    tail -20 "$root.debootstrap.log"
    exit 1
  }
fi

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
for fs in proc sys dev dev/pts; do
  mkdir -p "$root/$fs"
  case $fs in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    *) mount --bind "/$fs" "$root/$fs" ;;
  esac
  mounted+=("$root/$fs")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/package.deb"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

failures=0
checks=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
pass() { echo "ok   $*"; }
check() { checks=$((checks + 1)); }

# Start clean: no concur-demo from an earlier run.
in_root dpkg --purge concur-demo >/dev/null 2>&1 || true
echo "chroot_package_test: $(in_root cat /etc/debian_version) in $root"

# The package's Depends:, as apt would resolve them, then dpkg -i on its own.
depends=$(dpkg-deb -f "$deb" Depends | sed 's/([^)]*)//g; s/,/ /g')
in_root apt-get update -qq
# shellcheck disable=SC2086 # one word per package
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $depends >/dev/null
check
if in_root dpkg -i /tmp/package.deb; then pass "dpkg -i $(basename "$deb")"; else fail "dpkg -i"; fi
check
if in_root dpkg -s concur-demo | grep -q '^Status: install ok installed'; then pass "installed and configured"; else fail "dpkg -s: not installed"; fi
check
missing=$(in_root ldd /usr/bin/concur-demo | grep 'not found' || true)
if [[ -z $missing ]]; then pass "every shared library resolves"; else fail "unresolved: $missing"; fi
check
if version=$(in_root concur-demo --version); then pass "$version"; else fail "concur-demo --version"; fi

check
start=$SECONDS
if in_root sh -c 'cd /tmp && concur-demo all' >"$root/tmp/all.txt" 2>&1; then
  pass "concur-demo all ($((SECONDS - start)) s): $(grep -c '✓' "$root/tmp/all.txt") verified rows"
else
  fail "concur-demo all exited $?: $(tail -5 "$root/tmp/all.txt")"
fi
sed -n '1,200p' "$root/tmp/all.txt" | grep -E '^(sleep|files|factorial) —|takeaway:|✗' || true

for path in /usr/share/man/man1/concur-demo.1 /usr/share/bash-completion/completions/concur-demo \
  /usr/share/zsh/vendor-completions/_concur-demo /usr/share/fish/vendor_completions.d/concur-demo.fish \
  /usr/share/doc/concur-demo/README.md; do
  check
  if [[ -s $root$path ]]; then pass "$path"; else fail "missing $path"; fi
done

files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$')
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq concur-demo >/dev/null
check
left=""
for f in $files; do [[ -e $root$f || -L $root$f ]] && left+=" $f"; done
for d in /usr/share/doc/concur-demo /usr/share/zsh/vendor-completions /usr/share/fish/vendor_completions.d; do
  [[ -e $root$d ]] && [[ -z $(ls -A "$root$d") || $d == /usr/share/doc/concur-demo ]] && left+=" $d/"
done
if [[ -z $left ]]; then
  pass "apt-get remove left none of its $(wc -w <<<"$files") files"
else
  fail "left after apt-get remove:$left"
fi
check
if in_root dpkg -l concur-demo 2>/dev/null | grep -q '^ii'; then fail "still installed"; else pass "dpkg no longer lists it installed"; fi

echo "$((checks - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
