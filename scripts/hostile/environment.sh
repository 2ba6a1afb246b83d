# shellcheck shell=bash
# Odd environments: TMPDIR, PATH and python3, locale and terminal variables, standard streams.
# Sourced by scripts/hostile.sh.

hostile E01 env "TMPDIR does not exist: refused, naming it" '^2$' 'TMPDIR=$dir/nowhere $B files $QF' 'grep -q "^concur-demo: TMPDIR .*set TMPDIR" err'
hostile E02 env "TMPDIR read-only (root may write there anyway)" '^(0|2)$' 'mkdir ro && chmod 555 ro && TMPDIR=$dir/ro $B files $QF' \
  '[[ $code == $(( $(id -u) == 0 ? 0 : 2 )) ]]'
hostile E03 env "TMPDIR empty (falls back to /tmp)" '^0$' 'TMPDIR= $B sleep $QUICK'
hostile E04 env "TMPDIR relative (.)" '^0$' 'cd tmp && TMPDIR=. $B files $QF'
hostile E05 env "TMPDIR with a space and a newline in its name" '^0$' \
  't="$TMPDIR/a b$(printf "\nc")"; mkdir "$t" && TMPDIR="$t" $B files $QF && rmdir "$t"'
hostile E06 env "TMPDIR near PATH_MAX" '^(0|1)$' \
  't=$TMPDIR; for i in $(seq 16); do t=$t/$(printf "d%.0s" $(seq 250)); mkdir "$t" || exit 9; done; TMPDIR=$t $B files $QF; c=$?; rm -rf "$TMPDIR"/d*; exit $c'
hostile E07 env "HOME and USER unset" '^0$' 'env -u HOME -u USER $B sleep $QUICK'
hostile E08 env "PATH empty: Python rows skipped with a note" '^0$' 'PATH= $B sleep $QS --model py,sequential' \
  'grep -q "not on the PATH" err'
hostile E09 env "a python3 that exits 1 at once" '^1$' \
  'mkdir bin && printf "#!/bin/sh\nexit 1\n" > bin/python3 && chmod +x bin/python3 && PATH=$dir/bin:$PATH $B sleep $QS --model py-sequential'
hostile E10 env "a python3 that never ends (the watchdog)" '^1$' \
  'mkdir bin && printf "#!/bin/sh\nexec sleep 1000\n" > bin/python3 && chmod +x bin/python3 && PATH=$dir/bin:$PATH $B sleep --tasks 1 --delay 1ms --model py-sequential --repeat 1 --warmup 0 --format csv' \
  'grep -q watchdog out'
hostile E11 env "a python3 that writes garbage where results go" '^1$' \
  'mkdir bin && printf "#!/bin/sh\nhead -c 5000 /dev/urandom >&3\n" > bin/python3 && chmod +x bin/python3 && PATH=$dir/bin:$PATH $B sleep $QS --model py-sequential'
hostile E12 env "a python3 that leaves a daemon behind" '^1$' \
  'mkdir bin && printf "#!/bin/sh\n(sleep 1000 &)\nexit 0\n" > bin/python3 && chmod +x bin/python3 && PATH=$dir/bin:$PATH $B sleep $QS --model py-sequential'
hostile E13 env "a python3 that floods stdout and stderr" '^1$' \
  'mkdir bin && printf "#!/bin/sh\nhead -c 50000000 /dev/zero; head -c 5000000 /dev/zero >&2\n" > bin/python3 && chmod +x bin/python3 && PATH=$dir/bin:$PATH $B sleep $QS --model py-sequential' \
  '[[ $(wc -c < out) -lt 10000 ]]'
hostile E14 env "a python3 that prints an escape sequence as its error" '^1$' \
  'mkdir bin && printf "#!/bin/sh\nprintf \"\\\\033[31mred\\\\n\" >&2; exit 3\n" > bin/python3 && chmod +x bin/python3 && PATH=$dir/bin:$PATH $B sleep $QS --model py-sequential --format csv'
hostile E15 env "LC_ALL=C" '^0$' 'LC_ALL=C LANG=C $B sleep $QUICK'
hostile E16 env "TERM=dumb with CLICOLOR_FORCE=1" '^0$' 'TERM=dumb CLICOLOR_FORCE=1 $B sleep $QUICK' 'grep -q $(printf "\033") out'
hostile E17 env "NO_COLOR=1 with CLICOLOR_FORCE=1" '^0$' 'NO_COLOR=1 CLICOLOR_FORCE=1 $B sleep $QUICK' '! grep -q $(printf "\033") out'
hostile E18 env "COLUMNS=5 LINES=1" '^0$' 'COLUMNS=5 LINES=1 $B sleep $QUICK --timeline'
hostile E19 env "standard input closed" '^0$' '$B sleep $QUICK <&-'
hostile E20 env "standard error closed" '^0$' '$B sleep $QUICK 2>&-'
hostile E21 env "every standard stream closed, report to a file" '^0$' '$B sleep $QUICK -o r.txt <&- >&- 2>&-' '[[ -s r.txt ]]'
hostile E22 env "run without a controlling terminal (setsid)" '^0$' 'setsid -w $B sleep $QUICK'
hostile E23 env "two runs at once in one TMPDIR" '^0$' \
  '$B files --tasks 8 --size 64KiB --model all --repeat 1 --warmup 0 & $B files --tasks 8 --size 64KiB --model all --repeat 1 --warmup 0; a=$?; wait $!; b=$?; exit $((a|b))'
hostile E24 env "a stale dir of a dead run is removed, a foreign one kept" '^0$' \
  'mkdir $TMPDIR/concur-demo.999999.abcdef && touch $TMPDIR/concur-demo.999999.abcdef/f && mkdir other && $B sleep $QUICK' \
  '[[ -d other ]]'
hostile E25 env "LD_PRELOAD of a missing library (a warning from the loader)" '^0$' 'LD_PRELOAD=/nonexistent.so $B sleep $QUICK'
hostile E26 env "MALLOC_PERTURB_ and MALLOC_CHECK_ set" '^0$' 'MALLOC_PERTURB_=165 MALLOC_CHECK_=3 $B all --tasks 2 --size 4KiB --delay 1ms --factorial 100 --model all --repeat 1 --warmup 0'
if ((as_root)); then
  hostile E27 env "as nobody, report in a world-writable sticky dir" '^0$' \
    'mkdir s && chmod 1777 s && setpriv --reuid=65534 --regid=65534 --clear-groups $B sleep $QUICK -o s/r.txt' \
    '[[ $(stat -c %U s/r.txt) == nobody ]]'
  hostile E28 env "as nobody, every model" '^0$' \
    'setpriv --reuid=65534 --regid=65534 --clear-groups $B all --tasks 3 --size 4KiB --delay 1ms --factorial 100 --model all --repeat 1 --warmup 0'
else
  skip E27 env "as nobody, report in a world-writable sticky dir" "needs root"
  skip E28 env "as nobody, every model" "needs root"
fi
