#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build the Release binary, put `concur-demo`
# on the PATH (a symlink to the build), and run the classroom default, `concur-demo all`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target concur-demo

binary="$PWD/build/release/concur-demo"
if [[ -w /usr/local/bin ]]; then
  bindir=/usr/local/bin
else
  bindir="$HOME/.local/bin"
  mkdir -p "$bindir"
fi
ln -sf "$binary" "$bindir/concur-demo"
echo "setup: linked $bindir/concur-demo -> $binary"
case ":$PATH:" in
  *":$bindir:"*) ;;
  *) echo "setup: add $bindir to your PATH to type 'concur-demo' anywhere" ;;
esac
echo
"$binary" all
