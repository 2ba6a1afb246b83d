#!/usr/bin/env bash
# Installs the distribution packages concur-demo builds with (Open MPI for the mpi model
# included); does nothing when all are present.
# Picks the Boost packages of the distribution it runs on (Debian 12: 1.81; Debian 13 and
# Ubuntu 24.04: 1.83); on any other system it says in one line what to install instead.
# Runs apt-get as root, or through sudo for a normal user.
#
# Before apt removes or replaces an installed package (Debian 12's default Boost 1.74 headers
# conflict with 1.81's), it names them and asks; with --yes, or when it cannot ask (no terminal
# on standard input, as in CI), it goes ahead and says what it removed.
#
# Usage: bash scripts/install-deps.sh [--yes] [--tests] [--ci]
#   --tests  also what the test suite drives for real: the shells whose completions it tests
#            (bash-completion, zsh, fish), tmux to press Tab, groff and man-db for the man page,
#            dpkg-dev and file for CPack to compute the package's dependencies
#   --ci     --tests, and what only CI needs: clang and its runtime libraries for the libFuzzer
#            target (scripts/fuzz.sh), clang-format and clang-tidy for scripts/lint.sh,
#            chromium for the HTML report's browser check (scripts/browser-check.sh)
set -euo pipefail

assume_yes=false
with_tests=false
with_ci=false
for arg in "$@"; do
  case $arg in
    --yes | -y) assume_yes=true ;;
    --tests) with_tests=true ;;
    --ci) with_tests=true with_ci=true ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "install-deps: unknown argument '$arg' (use --yes, --tests or --ci)" >&2
      exit 2
      ;;
  esac
done

# The distribution decides the Boost version: concur-demo needs 1.81 or newer (Asio's io_uring
# files and awaitable operators), and each release ships one such version.
os_id="" version_id="" pretty="this system"
if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091 # the system's own file
  . /etc/os-release
  os_id=${ID:-} version_id=${VERSION_ID:-} pretty=${PRETTY_NAME:-$os_id $version_id}
fi
case "$os_id $version_id" in
  "debian 12") boost=1.81 ;;
  "debian 13" | "ubuntu 24.04") boost=1.83 ;;
  *)
    echo "install-deps: $pretty is not Debian 12, Debian 13 or Ubuntu 24.04; install Boost >= 1.81 (Asio, Fiber, Context), CLI11, fmt, nlohmann-json, xxHash, liburing, GoogleTest, CMake >= 3.25 and a C++20 compiler with your package manager, then run: cmake --preset release && cmake --build --preset release" >&2
    exit 1
    ;;
esac

packages=(
  g++ cmake make pkg-config
  libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev liburing-dev libgtest-dev
  "libboost$boost-dev" "libboost-fiber$boost-dev" "libboost-context$boost-dev"
  # The mpi model: mpirun and the library its rank program links; ssh starts Open MPI's daemons
  # on the other hosts of a hostfile. The tool builds and runs without them (the rows are skipped).
  openmpi-bin libopenmpi-dev openssh-client
)
if $with_tests; then
  packages+=(bash-completion zsh fish tmux groff-base man-db dpkg-dev file)
fi
if $with_ci; then
  packages+=(clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14 chromium)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed (Boost $boost for $pretty)"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install-deps: missing ${missing[*]}; run this script as root (no sudo found)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq

# What apt would remove to install them (a dry run needs no root): name it before it happens.
plan=$(apt-get install -s --no-install-recommends "${missing[@]}" 2>&1) || {
  echo "$plan" | tail -5 >&2
  echo "install-deps: apt cannot install ${missing[*]} (see above)" >&2
  exit 1
}
removed=$(sed -n 's/^Remv \([^ ]*\).*/\1/p' <<<"$plan" | tr '\n' ' ')
removed=${removed% }
if [[ -n $removed ]]; then
  echo "install-deps: installing Boost $boost removes these installed packages, which conflict with it: $removed"
  if ! $assume_yes && [[ -t 0 ]]; then
    read -r -p "install-deps: remove them and go on? [y/N] " answer
    if [[ ! $answer =~ ^[Yy] ]]; then
      echo "install-deps: nothing changed; to keep them, build in a container or with Boost >= 1.81 from elsewhere" >&2
      exit 1
    fi
  fi
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [[ -n $removed ]]; then
  echo "install-deps: removed $removed (replaced by Boost $boost)"
fi
