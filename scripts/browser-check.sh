#!/usr/bin/env bash
# The HTML report in a real browser. Opens a page in headless Chromium (Debian's chromium
# package), takes a 1280×800 screenshot, and fails if the page logged anything on the console
# (a script error, a bad SVG), if it names another file or an address (http:, https:, src=,
# href=, url(): a report must open from a USB stick with no network), or if no screenshot of that
# size came out. Name resolution is switched off for the browser, so nothing could be fetched.
#
# With no page given, it first makes a real one with the built binary (three models, every
# element of the report, and a --dir whose name is an HTML tag, which must show as text).
# --self-test shows the check can fail: a page with a script error and a page with an address
# must both be refused. CI runs both.
#
# Usage: bash scripts/browser-check.sh [PAGE.html [SCREENSHOT.png]]
#        bash scripts/browser-check.sh --self-test
# Environment: CHROMIUM (default chromium), CONCUR_DEMO (default build/release/concur-demo).
set -euo pipefail
# Paths given are the caller's; the script works from the project root.
args=()
for a in "$@"; do [[ $a == --* ]] && args+=("$a") || args+=("$(realpath -m -- "$a")"); done
set -- "${args[@]+"${args[@]}"}"
cd "$(dirname "$0")/.."
browser=${CHROMIUM:-chromium}
bin=${CONCUR_DEMO:-build/release/concur-demo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v "$browser" >/dev/null; then
  echo "browser-check: $browser not found; bash scripts/install-deps.sh --ci installs it" >&2
  exit 2
fi

# Width and height of a PNG, from its header (bytes 16 to 23, big-endian).
png_size() {
  local b
  read -r -a b < <(od -An -tu1 -j16 -N8 "$1")
  echo "$(((b[0] << 24) + (b[1] << 16) + (b[2] << 8) + b[3]))x$(((b[4] << 24) + (b[5] << 16) + (b[6] << 8) + b[7]))"
}

# check PAGE SHOT: 0 when the page passes; else says why on stdout and returns 1.
check() {
  local page=$1 shot=$2 log=$work/chromium.log found
  if found=$(grep -oiE 'https?:[^"<> ]*|(src|href)=|url\(' "$page" | sort -u | head -5) && [[ -n $found ]]; then
    echo "browser-check: $page refers to other files or addresses (it must open offline):"
    awk '{ print "  " $0 }' <<<"$found"
    return 1
  fi
  rm -rf "$work/profile" "$shot"
  if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
    --host-resolver-rules='MAP * ~NOTFOUND' --enable-logging=stderr --v=0 --window-size=1280,800 \
    --screenshot="$shot" "file://$(realpath "$page")" >"$log" 2>&1; then
    echo "browser-check: $browser failed on $page:"
    tail -5 "$log" | sed 's/^/  /'
    return 1
  fi
  # Chromium writes what the page put on its console (errors included) as CONSOLE lines.
  if grep -q ':CONSOLE' "$log"; then
    echo "browser-check: $page logged on the console:"
    grep ':CONSOLE' "$log" | sed 's/^[^]]*\] /  /'
    return 1
  fi
  if [[ ! -s $shot || $(png_size "$shot") != 1280x800 ]]; then
    echo "browser-check: no 1280×800 screenshot of $page (got ${shot}: $( [[ -s $shot ]] && png_size "$shot" || echo none))"
    return 1
  fi
  echo "browser-check: $page opened offline with nothing on the console; screenshot $shot"
}

self_test() {
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><p>x</p>%s</body></html>\n' \
    '<script>not_a_function();</script>' >"$work/error.html"
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>%s</body></html>\n' \
    '<img alt="" src="https://example.com/logo.png">' >"$work/address.html"
  printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><p>fine</p></body></html>\n' \
    >"$work/fine.html"
  local failed=0
  for bad in error address; do
    if check "$work/$bad.html" "$work/$bad.png" >/dev/null; then
      echo "browser-check: self-test: the page with an $bad passed; the check cannot fail" >&2
      failed=1
    fi
  done
  check "$work/fine.html" "$work/fine.png" >/dev/null || { echo "browser-check: self-test: a plain page failed" >&2; failed=1; }
  ((failed == 0)) && echo "browser-check: self-test passed (a script error and an address are refused)"
  return "$failed"
}

# A real report: three models with timelines, and the files scenario reading a directory whose
# name is markup, made to look like an attack on the page.
real_page() {
  local page=$1 dir="$work/<script>alert(1)&x"
  [[ -x $bin ]] || { echo "browser-check: $bin not found; build first (cmake --build --preset release)" >&2; exit 2; }
  mkdir -p "$dir"
  head -c 65536 /dev/zero >"$dir/one.bin"
  "$bin" sleep --model sequential,thread,async --tasks 5 --delay 50ms --repeat 3 --warmup 0 --html "$page" \
    --title 'Three models & <one> page' >/dev/null
  grep -q '<h1>Three models &amp; &lt;one&gt; page</h1>' "$page" ||
    { echo "browser-check: the title is not escaped in the HTML" >&2; exit 1; }
  "$bin" files --dir "$dir" --model sequential,async --repeat 1 --warmup 0 --html "$work/files.html" >/dev/null
  grep -q '&lt;script&gt;alert(1)&amp;x' "$work/files.html" ||
    { echo "browser-check: the --dir name is not escaped in the HTML" >&2; exit 1; }
  check "$work/files.html" "$work/files.png" >/dev/null || { echo "browser-check: the files report failed" >&2; exit 1; }
}

if [[ ${1:-} == --self-test ]]; then
  self_test
  exit
fi
page=${1:-}
shot=${2:-$work/report.png}
if [[ -z $page ]]; then
  page=$work/report.html
  real_page "$page"
fi
check "$page" "$shot"
