# shellcheck shell=bash
# Odd values and odd command lines (beyond the empty values and foreign options of the option
# table's own issue). Sourced by scripts/hostile.sh.

S=(--delay 1ms --model sequential --repeat 1 --warmup 0)
export S_ARGS="${S[*]}"
hostile V01 value "--tasks 1e3" '^2$' '$B sleep $S_ARGS --tasks 1e3'
hostile V02 value "--tasks 0x10" '^2$' '$B sleep $S_ARGS --tasks 0x10'
hostile V03 value "--tasks +5" '^2$' '$B sleep $S_ARGS --tasks +5'
hostile V04 value "--tasks \" 3 \" (spaces around)" '^0$' '$B sleep $S_ARGS --tasks " 3 "'
hostile V05 value "--tasks of 100,000 digits" '^2$' '$B sleep $S_ARGS --tasks "$(printf "9%.0s" $(seq 100000))"'
hostile V06 value "--delay 0ms under every model" '^0$' '$B sleep --delay 0ms --model all --repeat 1 --warmup 0'
hostile V07 value "--delay 1ns under every model" '^0$' '$B sleep --delay 1ns --model all --repeat 1 --warmup 0'
hostile V08 value "--delay 24h1ns" '^2$' '$B sleep --delay 24h1ns'
hostile V09 value "--delay 1.5.5s" '^2$' '$B sleep --delay 1.5.5s'
hostile V10 value "--size 1 (one-byte files)" '^0$' '$B files --size 1 --tasks 3 --model all --repeat 1 --warmup 0'
hostile V11 value "--size 64GiB --tasks 1000000: refused for disk, nothing written" '^2$' \
  '$B files --size 64GiB --tasks 1000000 --model sequential'
hostile V12 value "--factorial 1" '^0$' '$B factorial --factorial 1 --tasks 2 --model all --repeat 1 --warmup 0'
hostile V13 value "--workers 1025" '^2$' '$B cpu --workers 1025'
hostile V14 value "--workers 200 on a two-task run" '^0$' \
  '$B factorial --workers 200 --tasks 2 --factorial 100 --model pool,fiber,async-offload --repeat 1 --warmup 0'
hostile V15 value "--repeat 1001" '^2$' '$B sleep --repeat 1001'
hostile V16 value "--warmup 101" '^2$' '$B sleep --warmup 101'
hostile V17 value "--model thread,,async" '^2$' '$B sleep --model thread,,async'
hostile V18 value "--model THREAD (capitals)" '^2$' '$B sleep --model THREAD' 'grep -q "did you mean" err'
hostile V19 value "--model thread,thread" '^(0|2)$' '$B sleep $S_ARGS --model thread,thread'
hostile V20 value "--model with an escape sequence" '^2$' '$B sleep --model "$(printf "\033[2Jx")"'
hostile V21 value "--model with invalid UTF-8" '^2$' '$B sleep --model "$(printf "\377\376")"'
hostile V22 value "--format JSON (capitals)" '^2$' '$B sleep --format JSON'
hostile V23 value "--vary tasks=1,1" '^2$' '$B sweep sleep --vary tasks=1,1'
hostile V24 value "--vary delay=-1ms" '^2$' '$B sweep sleep --vary delay=-1ms'
hostile V25 value "--vary size=1KiB,2KiB with --dir" '^2$' 'mkdir d && echo x > d/f && $B sweep files --dir d --vary size=1KiB,2KiB'
hostile V26 value "sweep with no scenario" '^2$' '$B sweep --vary tasks=1,2'
hostile V27 value "sweep factorial --vary factorial=1,2 --svg" '^0$' \
  '$B sweep factorial --vary factorial=1,2 --model sequential,thread --repeat 1 --warmup 0 --svg c.svg' '[[ -s c.svg ]]'
hostile V28 value "--metric nonsense" '^2$' '$B sweep sleep --vary tasks=1,2 --metric nonsense'
hostile V29 value "an unknown option" '^2$' '$B sleep --frobnicate'
hostile V30 value "arguments after --" '^2$' '$B sleep $S_ARGS -- x y' 'grep -q "x y" err'
hostile V31 value "explain with an escape sequence" '^2$' '$B explain "$(printf "\033]0;title\007")"'
hostile V32 value "count --delay 0ms" '^2$' '$B count --delay 0ms'
hostile V33 value "count with every model and python" '^0$' '$B count --model all,py --delay 20ms'
hostile V34 value "no command at all" '^0$' '$B' 'grep -q Usage out || grep -q concur-demo out'
hostile V35 value "--version with arguments after it" '^0$' '$B --version x y'
hostile V36 value "a 120 KiB argument (near the kernel's limit for one)" '^2$' '$B sleep --model "$(head -c 122880 /dev/zero | tr "\0" a)"'
hostile V37 value "--tasks 1000000 --delay 0ms, sequential and async" '^0$' \
  '$B sleep --tasks 1000000 --delay 0ms --model sequential,async --repeat 1 --warmup 0'
hostile V38 value "--timeline with 2,000 tasks" '^0$' '$B sleep --tasks 2000 --delay 1ms --model async,thread --repeat 1 --warmup 0 --timeline'
