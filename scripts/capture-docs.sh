#!/usr/bin/env bash
# Regenerates every captured output in the docs: after each line
#   <!-- capture: concur-demo ARGS -->
# the fenced block that follows is replaced by the real output of that command (stdout and
# stderr, as a terminal would show them, 100 columns wide), run with the freshly built binary.
# Prose around the blocks is left alone. The lesson pages come from `concur-demo lesson`: each page
# captures `concur-demo lesson NAME`, and a lesson the binary lists without a page gets one (its
# capture marker, and a "Reading it" section left for a person to write). Run it on the machine
# the docs should describe:
#   bash scripts/capture-docs.sh            # every page under docs/ (and any missing lesson page)
#   bash scripts/capture-docs.sh docs/lessons/python-gil.md
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CONCUR_DEMO:-$root/build/release/concur-demo}
if [[ ! -x $bin ]]; then
  echo "capture-docs: $bin not found; build first (cmake --preset release && cmake --build --preset release)" >&2
  exit 1
fi

# A page for every lesson the binary lists ("  name  title" lines of `concur-demo lesson`).
# shellcheck disable=SC2016  # the backticks are Markdown, printed as they are
new_lesson_pages() {
  local name title page
  while read -r name title; do
    page=$root/docs/lessons/$name.md
    [[ -e $page ]] && continue
    {
      printf '# %s\n\n' "${title^}"
      printf '`concur-demo lesson %s` runs the demonstration below on the machine in front of you, then\n' "$name"
      printf 'prints the lesson, where to look, and a verdict computed from what it measured.\n\n'
      printf '## On this machine\n\n<!-- capture: concur-demo lesson %s -->\n```text\n```\n\n' "$name"
      printf '## Reading it\n\nTo be written: what the numbers above show, column by column.\n\n'
      printf '[All lessons](README.md)\n'
    } >"$page"
    echo "capture-docs: new page $page: write its 'Reading it' and link it from docs/lessons/README.md" >&2
  done < <("$bin" lesson | sed -n 's/^  \([a-z0-9-][a-z0-9-]*\)  *\([^$ ].*\)$/\1 \2/p')
}

pages=("$@")
if [[ ${#pages[@]} -eq 0 ]]; then
  new_lesson_pages
  mapfile -t pages < <(grep -rl --include='*.md' '<!-- capture: ' "$root/docs" | sort)
fi

capture() {  # $1: the command as written in the page, starting with "concur-demo"
  local args=${1#concur-demo}
  echo "\$ $1"
  # Word-split the arguments as a shell would; the pages are ours, so eval is safe here.
  eval "\"\$bin\" $args" </dev/null 2>&1 || true
}

prose() { awk '/^```/ { inside = !inside; next } !inside' "$1"; }

for page in "${pages[@]}"; do
  out=$(mktemp)
  state=text  # text → marker seen → inside the old block
  command=""
  while IFS= read -r line || [[ -n $line ]]; do
    case $state in
      text)
        printf '%s\n' "$line" >>"$out"
        if [[ $line =~ ^\<!--\ capture:\ (concur-demo.*)\ --\>$ ]]; then
          command=${BASH_REMATCH[1]}
          state=marker
        fi
        ;;
      marker)
        if [[ $line != '```'* ]]; then
          echo "capture-docs: $page: a fenced block must follow '$command'" >&2
          exit 1
        fi
        printf '%s\n' "$line" >>"$out"
        echo "capture-docs: $command" >&2
        capture "$command" >>"$out"
        state=block
        ;;
      block)
        if [[ $line == '```' ]]; then
          printf '%s\n' "$line" >>"$out"
          state=text
        fi
        ;;
    esac
  done <"$page"
  if [[ $state != text ]]; then
    echo "capture-docs: $page: unterminated block after '$command'" >&2
    exit 1
  fi
  # The prose must come through untouched: only the insides of fenced blocks may change.
  if ! diff -q <(prose "$page") <(prose "$out") >/dev/null; then
    echo "capture-docs: $page: the prose changed while capturing; page left as it was" >&2
    rm -f "$out"
    exit 1
  fi
  mv "$out" "$page"
done
