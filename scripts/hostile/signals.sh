# shellcheck shell=bash
# Signals at odd moments. Each case starts the tool in the background, waits for a moment worth
# hitting, and signals it. Sourced by scripts/hostile.sh.

# Waits until the tool ($1) has a measured process (a child leading its own group); prints its pid.
measured_of() {
  local tool=$1 m
  for _ in $(seq 400); do
    for m in $(pgrep -P "$tool"); do
      [[ $(ps -o pgid= -p "$m" | tr -d ' ') == "$m" ]] && { echo "$m"; return 0; }
    done
    sleep 0.025
  done
  return 1
}
export -f measured_of

hostile G01 signal "SIGINT at start, before the limits are read" '^(0|130)$' '$B sleep $QUICK & kill -INT $!; wait $!'
hostile G02 signal "SIGTERM at 20 random moments of a short run writing -o" '^0$' \
  'echo old > r.csv; for i in $(seq 20); do $B sleep --tasks 3 --delay 5ms --model all --repeat 1 --warmup 0 --format csv -o r.csv & t=$!;
     sleep 0.$((RANDOM % 40)); kill -TERM $t 2>/dev/null; wait $t; c=$?; [[ $c == 0 || $c == 143 ]] || exit $c;
     [[ $(cat r.csv) == old ]] || grep -q "^sleep,async" r.csv || exit 7; done; [[ $(ls -A | grep -c concur) == 0 ]] || exit 8; exit 0'
hostile G03 signal "SIGTSTP then SIGCONT mid-run" '^0$' \
  '$B sleep --tasks 3 --delay 300ms --model sequential --repeat 1 --warmup 0 & t=$!; sleep 0.3; kill -TSTP $t; sleep 0.3; kill -CONT $t; wait $t'
hostile G04 signal "SIGSTOP then SIGCONT of the measured process" '^0$' \
  '$B sleep --tasks 3 --delay 300ms --model sequential --repeat 1 --warmup 0 & t=$!; m=$(measured_of $t); kill -STOP $m; sleep 1; kill -CONT $m; wait $t'
hostile G05 signal "SIGKILL of one fork child" '^1$' \
  '$B sleep --tasks 5 --delay 2s --model fork --repeat 1 --warmup 0 --format csv & t=$!; m=$(measured_of $t); sleep 0.5; kill -KILL $(pgrep -P $m | head -1); wait $t'
hostile G06 signal "SIGKILL of python3 mid-run" '^1$' \
  'command -v python3 >/dev/null || exit 1; $B sleep --tasks 2 --delay 3s --model py-sequential --repeat 1 --warmup 0 --format csv & t=$!; m=$(measured_of $t);
   for i in $(seq 100); do p=$(pgrep -P $m python3); [[ -n $p ]] && break; sleep 0.05; done; kill -KILL $p; wait $t' \
  'grep -q "SIGKILL" out'
hostile G07 signal "SIGINT twice in quick succession" '^130$' \
  '$B sleep --tasks 3 --delay 2s --model thread --repeat 1 --warmup 0 & t=$!; measured_of $t >/dev/null; kill -INT $t; kill -INT $t; wait $t' \
  '[[ $(grep -c "" err) == 1 ]]'
hostile G08 signal "SIGHUP while files are generated" '^129$' \
  '$B files --size 64MiB --tasks 16 --model sequential & t=$!; sleep 0.5; kill -HUP $t; wait $t'
hostile G09 signal "SIGPIPE sent to the tool (ignored)" '^0$' \
  '$B sleep --tasks 2 --delay 300ms --model sequential --repeat 1 --warmup 0 & t=$!; sleep 0.2; kill -PIPE $t; wait $t'
hostile G10 signal "SIGWINCH and SIGCHLD sent to the tool" '^0$' \
  '$B sleep --tasks 2 --delay 300ms --model sequential --repeat 1 --warmup 0 & t=$!; sleep 0.2; kill -WINCH $t; kill -CHLD $t; wait $t'
hostile G11 signal "SIGUSR2" '^140$' '$B sleep --tasks 2 --delay 2s --model fork --repeat 1 --warmup 0 & t=$!; measured_of $t >/dev/null; kill -USR2 $t; wait $t'
hostile G12 signal "SIGALRM" '^142$' '$B sleep --tasks 2 --delay 2s --model thread --repeat 1 --warmup 0 & t=$!; measured_of $t >/dev/null; kill -ALRM $t; wait $t'
hostile G13 signal "SIGKILL of the tool while files are generated; the next run cleans up" '^0$' \
  '$B files --size 64MiB --tasks 16 --model sequential & t=$!; sleep 0.5; kill -KILL $t; wait $t; $B sleep $QUICK'
hostile G14 signal "SIGTERM during count" '^143$' '$B count --delay 2s --model sequential & t=$!; measured_of $t >/dev/null; kill -TERM $t; wait $t'
hostile G15 signal "SIGINT during a sweep" '^130$' \
  '$B sweep sleep --vary tasks=2,4 --delay 1s --model thread,fork --repeat 1 --warmup 0 & t=$!; measured_of $t >/dev/null; kill -INT $t; wait $t'
hostile G16 signal "SIGTERM to the whole process group (as systemd stops a unit)" '^143$' \
  'setsid bash -c "exec $B sleep --tasks 5 --delay 2s --model fork --repeat 1 --warmup 0" & s=$!; sleep 0.5; kill -TERM -$s; wait $s'
hostile G17 signal "SIGKILL of the tool mid fork storm: the storm dies with it" '^0$' \
  '$B sleep --tasks 300 --delay 20s --model fork --repeat 1 --warmup 0 & t=$!; m=$(measured_of $t); sleep 1; kill -KILL $t; wait $t; exit 0'
hostile G18 signal "SIGQUIT during the reference computation" '^131$' \
  '$B factorial --factorial 300000 --tasks 1 & t=$!; sleep 0.3; kill -QUIT $t; wait $t'
hostile G19 signal "SIGXCPU sent by hand" '^152$' '$B sleep --tasks 2 --delay 2s --model async --repeat 1 --warmup 0 & t=$!; measured_of $t >/dev/null; kill -XCPU $t; wait $t'
hostile G20 signal "SIGTERM while -o goes to a FIFO nobody reads" '^143$' \
  'mkfifo f; $B sleep $QUICK -o f & t=$!; sleep 1.5; kill -TERM $t; wait $t' '[[ -p f ]]'
