#!/usr/bin/env bash
# Builds concur-demo from this checkout on a clean Debian release, the way the quick start does:
# a minimal debootstrap system, scripts/install-deps.sh (which picks that release's Boost),
# the Release build, one measured scenario, the install tests (man page, completions, install
# tree, package). It shows the build accepts the Boost the release ships (Debian 13: 1.83).
# Needs root, debootstrap and a Debian mirror; not part of the CTest suite (it downloads a few
# hundred MB and builds everything). Usage: chroot_build_test.sh SUITE [CHROOT_DIR]
set -euo pipefail

suite=${1:?usage: chroot_build_test.sh SUITE [CHROOT_DIR] (bookworm, trixie)}
root=${2:-${TMPDIR:-/tmp}/concur-demo-$suite}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
[[ $(id -u) -eq 0 ]] || {
  echo "chroot_build_test: needs root (chroot, mount)" >&2
  exit 2
}

if [[ ! -x $root/bin/sh ]]; then
  echo "chroot_build_test: debootstrap --variant=minbase $suite $root"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
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

# The committed tree, as a fresh clone has it.
rm -rf "$root/root/concur-demo"
mkdir -p "$root/root/concur-demo"
git -C "$source_dir" archive HEAD | tar -x -C "$root/root/concur-demo"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
# shellcheck disable=SC2016 # expanded inside the chroot
echo "chroot_build_test: $(in_root sh -c '. /etc/os-release; echo "$PRETTY_NAME"')"
in_root bash -c 'cd /root/concur-demo && bash scripts/install-deps.sh --tests </dev/null' | grep '^install-deps:'
# Only what the install tests need; CMAKE_SKIP_INSTALL_ALL_DEPENDENCY keeps CPack's preinstall
# step from building the rest (the whole suite) before it packages.
in_root bash -c 'cd /root/concur-demo && cmake --preset release -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null &&
  cmake --build --preset release --target concur-demo concur_docs concur_docgen_tests' >"$root/tmp/build.log" 2>&1 || {
  tail -30 "$root/tmp/build.log"
  echo "FAIL the build on $suite"
  exit 1
}
grep -c 'warning:' "$root/tmp/build.log" | sed 's/^/chroot_build_test: compiler warnings: /'
in_root /root/concur-demo/build/release/concur-demo --version
in_root sh -c 'cd /tmp && /root/concur-demo/build/release/concur-demo sleep --tasks 8 --delay 50ms --repeat 1'
in_root bash -c 'cd /root/concur-demo/build/release && ctest -L install --output-on-failure'
