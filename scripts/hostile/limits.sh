# shellcheck shell=bash
# Resource limits, lowered the way a shell or a container does. Sourced by scripts/hostile.sh.

hostile L01 limit "ulimit -v 300 MiB, default sleep" '^(0|2)$' '(ulimit -v 307200; $B sleep --model all --repeat 1 --warmup 0)'
hostile L02 limit "ulimit -v 100 MiB, 10,000 fibers" '^(0|1|2)$' '(ulimit -v 102400; $B sleep --tasks 10000 --delay 1ms --model fiber --repeat 1 --warmup 0)'
hostile L03 limit "ulimit -n 10, one sequential task" '^0$' '(ulimit -n 10; $B sleep $QUICK)'
hostile L04 limit "ulimit -n 6: barely room for the pipes" '^0$' '(ulimit -n 6; $B sleep $QUICK)'
hostile L05 limit "ulimit -Sn 20 (soft only), 200 async file reads" '^0$' \
  '(ulimit -Sn 20; $B files --tasks 200 --size 4KiB --model async --repeat 1 --warmup 0)'
hostile L06 limit "ulimit -n 50, fork with 100 children" '^0$' '(ulimit -n 50; $B sleep --tasks 100 --delay 1ms --model fork --repeat 1 --warmup 0)'
hostile L07 limit "ulimit -f 1 while files are generated" '^1$' '(ulimit -f 1; $B files --size 4KiB --tasks 2 --model sequential)' \
  'grep -q "File too large" err'
hostile L08 limit "ulimit -f 1 and a big report" '^1$' \
  '(ulimit -f 1; $B sleep --tasks 50 --delay 1ms --model all --repeat 1 --warmup 0 --format json -o r.json)' \
  'grep -q "cannot write --output" err && [[ ! -e r.json ]] && [[ -z $(ls -A . | grep -v "^out$\|^err$\|^tmp$\|^check$") ]]'
hostile L09 limit "ulimit -St 1 (soft CPU limit) on a long reference computation" '^152$' \
  '(ulimit -St 1; $B factorial --factorial 1000000 --tasks 1 --model sequential)'
hostile L23 limit "ulimit -t 1 (hard: the kernel's SIGKILL) while files are generated; the next run cleans up" '^0$' \
  '(ulimit -t 1; $B files --size 64MiB --tasks 32 --model sequential); $B sleep $QUICK'
hostile L10 limit "ulimit -St 2 on long measured runs" '^(0|1|152)$' \
  '(ulimit -St 2; $B factorial --factorial 60000 --tasks 8 --model sequential,thread --repeat 2 --warmup 0)'
hostile L11 limit "ulimit -s 64 (KiB), every model" '^0$' \
  '(ulimit -s 64; $B all --tasks 3 --size 4KiB --delay 1ms --factorial 1000 --model all --repeat 1 --warmup 0)'
hostile L12 limit "ulimit -s 32 (KiB): refused" '^2$' '(ulimit -s 32; $B sleep $QUICK)' 'grep -q RLIMIT_STACK err'
hostile L13 limit "ulimit -s 32 with --ignore-limits" '^0$' '(ulimit -s 32; $B sleep $QUICK --ignore-limits)'
hostile L14 limit "ulimit -s 128 and the Python rows: refused" '^2$' '(ulimit -s 128; $B sleep $QS --model py-thread)'
hostile L15 limit "ulimit -s unlimited, 2,000 threads" '^0$' '(ulimit -s unlimited; $B sleep --tasks 2000 --delay 1ms --model thread --repeat 1 --warmup 0)'
hostile L16 limit "ulimit -c unlimited and a measured process killed by SIGSEGV" '^1$' \
  '(ulimit -c unlimited; $B sleep --tasks 1 --delay 3s --model sequential --repeat 1 --warmup 0 & t=$!;
    for i in $(seq 100); do m=$(pgrep -P $t | head -1); [[ -n $m ]] && break; sleep 0.05; done; kill -SEGV $m; wait $t)'
hostile L17 limit "ulimit -l 0 (no locked memory) and io_uring reads" '^0$' \
  '(ulimit -l 0; $B files --tasks 4 --size 4KiB --model async --repeat 1 --warmup 0)'
hostile L18 limit "ulimit -i 0 (no queued signals)" '^0$' '(ulimit -i 0; $B sleep $QS --model all)'
hostile L19 limit "ulimit -n 20 with --ignore-limits: async's row fails, the tool does not" '^1$' \
  '(ulimit -n 20; $B files --tasks 30 --size 4KiB --model sequential,async --repeat 1 --warmup 0 --ignore-limits --format csv)' \
  'grep -q "^files,sequential,30,1,true" out'
if ((as_root)); then
  hostile L20 limit "ulimit -u 5 as nobody, 50 threads: refused" '^2$' \
    'setpriv --reuid=65534 --regid=65534 --clear-groups bash -c "ulimit -u 5; $B sleep --tasks 50 --model thread"'
  hostile L21 limit "ulimit -u 5 as nobody with --ignore-limits" '^1$' \
    'setpriv --reuid=65534 --regid=65534 --clear-groups bash -c "ulimit -u 5; $B sleep --tasks 50 --delay 1ms --model thread,sequential --repeat 1 --warmup 0 --ignore-limits --format csv"' \
    'grep -q "^sleep,sequential,50,1,true" out'
  hostile L22 limit "ulimit -u 1 as nobody: no measuring process can start" '^(1|2)$' \
    'setpriv --reuid=65534 --regid=65534 --clear-groups bash -c "ulimit -u 1; exec $B sleep --tasks 1 --delay 1ms --model sequential --ignore-limits --repeat 1 --warmup 0"'
else
  skip L20 limit "ulimit -u 5 as nobody, 50 threads: refused" "needs root"
  skip L21 limit "ulimit -u 5 as nobody with --ignore-limits" "needs root"
  skip L22 limit "ulimit -u 1 as nobody: no measuring process can start" "needs root"
fi
