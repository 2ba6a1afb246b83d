#!/usr/bin/env bash
# Installs the Debian 12 packages concur-demo builds with (Open MPI for the mpi model included);
# does nothing when all are present.
# Runs apt-get as root, or through sudo for a normal user. With --ci, also what only CI needs:
# clang and its runtime libraries for the libFuzzer target (scripts/fuzz.sh), clang-format and
# clang-tidy for scripts/lint.sh.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev liburing-dev libgtest-dev
  # Boost 1.81, not Debian's default 1.74: Asio's io_uring files need it. The two sets
  # conflict; apt replaces 1.74 development headers if they are installed.
  libboost1.81-dev libboost-fiber1.81-dev libboost-context1.81-dev
  # The mpi model: mpirun and the library its rank program links; ssh starts Open MPI's daemons
  # on the other hosts of a hostfile. The tool builds and runs without them (the rows are skipped).
  openmpi-bin libopenmpi-dev openssh-client
)
if [[ ${1:-} == --ci ]]; then
  packages+=(clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
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

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
