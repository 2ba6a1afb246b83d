#!/usr/bin/env bash
# Quick start, step 1: install the packages that are missing, build the Release binary, install
# concur-demo (the binary, its man page, bash/zsh/fish completions and the docs) into /usr/local
# (as root, or through sudo) or else into ~/.local, and run the classroom default from there,
# `concur-demo all`. The installed copy does not depend on this clone: delete the clone and
# `concur-demo` still works.
#
# Usage: bash scripts/setup.sh [--yes] [--prefix DIR] [--no-run] | --uninstall
#   --yes         let apt remove conflicting packages without asking (see install-deps.sh);
#                 without a terminal on standard input (CI) it goes ahead anyway and says so
#   --prefix DIR  install under DIR instead (DIR/bin/concur-demo, DIR/share/man, ...)
#   --no-run      install, but do not run `concur-demo all`
#   --uninstall   remove what the last install put in place (its list: build/release/setup_manifest.txt)
#                 and the folders it made for the tool alone; through sudo where needed
set -euo pipefail
cd "$(dirname "$0")/.."

deps_args=()
prefix=""
run=true
uninstall=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --yes | -y) deps_args+=(--yes) ;;
    --prefix)
      [[ $# -ge 2 && -n $2 ]] || {
        echo "setup: --prefix needs a directory" >&2
        exit 2
      }
      prefix=$2
      shift
      ;;
    --prefix=*) prefix=${1#--prefix=} ;;
    --no-run) run=false ;;
    --uninstall) uninstall=true ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown argument '$1' (use --yes, --prefix DIR, --no-run or --uninstall)" >&2
      exit 2
      ;;
  esac
  shift
done

# Its own copy of the install's list: CMake rewrites install_manifest.txt at every `cmake --install`
# of the build, the test suite's staged installs included, which would leave --uninstall reading
# the paths of a test's staging folder instead of what this script installed.
manifest=build/release/setup_manifest.txt

if $uninstall; then
  [[ -s $manifest ]] || {
    echo "setup: nothing to uninstall: $manifest is missing (no install from this clone)" >&2
    exit 2
  }
  first_dir=$(dirname "$(head -n1 "$manifest")")
  sudo=()
  [[ ! -e $first_dir || -w $first_dir ]] || sudo=(sudo)
  present=$(while read -r file; do [[ ! -e $file ]] || echo "$file"; done <"$manifest" | grep -c . || true)
  "${sudo[@]}" xargs rm -f <"$manifest"
  # The folders named after the tool (libexec/concur-demo, share/doc/concur-demo) were made by the
  # install and go with it, once empty; the shared ones it wrote into (bin, man1) stay.
  sed -n 's#^\(.*/concur-demo\)/.*#\1#p' "$manifest" | sort -u | while read -r dir; do
    [[ ! -d $dir ]] || "${sudo[@]}" find "$dir" -depth -type d -empty -delete
  done
  echo "setup: removed $present of the $(wc -l <"$manifest") files the install put in place"
  exit 0
fi

bash scripts/install-deps.sh "${deps_args[@]}"
cmake --preset release >/dev/null
cmake --build --preset release --target concur-demo concur_docs

# Where to install: as root, /usr/local; through sudo when it works (it may ask for a password
# on a terminal); otherwise the user's own ~/.local.
sudo=()
if [[ -z $prefix ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    prefix=/usr/local
  elif command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
    prefix=/usr/local
    sudo=(sudo)
  else
    prefix="$HOME/.local"
  fi
elif [[ $(id -u) -ne 0 ]] && ! mkdir -p "$prefix" 2>/dev/null; then
  sudo=(sudo)
fi

# The old quick start put a symbolic link to this clone's build on the PATH: a file installed
# through it would overwrite the build itself. Remove such links first.
for old in /usr/local/bin/concur-demo "$HOME/.local/bin/concur-demo" "$prefix/bin/concur-demo"; do
  if [[ -L $old && $(readlink "$old") == */build/release/concur-demo ]]; then
    if [[ -w $(dirname "$old") ]]; then rm -f "$old"; else sudo rm -f "$old"; fi
    echo "setup: removed $old, a link into a build tree left by an earlier setup"
  fi
done

"${sudo[@]}" cmake --install build/release --prefix "$prefix" >build/release/install.log
cp build/release/install_manifest.txt "$manifest"
installed=$(grep -c '^-- \(Installing\|Up-to-date\)' build/release/install.log || true)
echo "setup: installed concur-demo $("$prefix/bin/concur-demo" --version | awk '{print $2}') into $prefix ($installed files; list in $manifest)"

# What the user may still have to do for the shell to find the command, its page and its
# completions under this prefix.
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "setup: add $prefix/bin to your PATH to type 'concur-demo' anywhere" ;;
esac
case "$prefix" in
  /usr/local | /usr) ;;
  *)
    echo "setup: zsh completion: add  fpath=($prefix/share/zsh/site-functions \$fpath)  to ~/.zshrc before compinit"
    [[ $prefix == "$HOME/.local" ]] ||
      echo "setup: bash completion: source $prefix/share/bash-completion/completions/concur-demo from ~/.bashrc"
    ;;
esac
if [[ $prefix == /usr/local && ":${XDG_DATA_DIRS:-}:" != *":/usr/local/share:"* ]] && command -v fish >/dev/null; then
  echo "setup: fish completion: set XDG_DATA_DIRS to include /usr/local/share (fish reads vendor completions from there)"
fi

if $run; then
  echo
  "$prefix/bin/concur-demo" all
fi
