# shellcheck shell=bash
# Odd paths for the files the tool writes (-o, --trace, --svg) and reads (--dir).
# Sourced by scripts/hostile.sh: hostile ID AREA "WHAT" EXIT-REGEX "COMMAND" [CHECK].

hostile P01 path "-o into a directory that does not exist (trailing slash)" '^2$' '$B sleep $QUICK -o missing/'
hostile P02 path "-o in a read-only directory (root may write there anyway)" '^(0|2)$' \
  'mkdir ro && chmod 555 ro && $B sleep $QUICK -o ro/r.txt' '[[ $code == $(( $(id -u) == 0 ? 0 : 2 )) ]]'
hostile P03 path "-o name holding a newline and an escape character" '^0$' \
  '$B sleep $QUICK -o "$(printf "a\nb\033c.txt")"' '[[ -s $(printf "a\nb\033c.txt") ]]'
hostile P04 path "-o a name that starts with a dash, after --" '^0$' '$B sleep $QUICK --output=-x.txt' '[[ -s -- -x.txt ]]'
hostile P05 path "-o /proc/self/status (a regular file in /proc)" '^2$' '$B sleep $QUICK -o /proc/self/status'
hostile P06 path "-o /dev/zero is written in place" '^0$' '$B sleep $QUICK -o /dev/zero' '[[ -c /dev/zero ]]'
hostile P07 path "-o a cycle of links" '^2$' 'ln -s l2 l1 && ln -s l1 l2 && $B sleep $QUICK -o l1' '[[ -L l1 && -L l2 ]]'
hostile P08 path "-o through a chain of 30 links" '^0$' \
  'for i in $(seq 30); do ln -s l$((i+1)) l$i; done; $B sleep $QUICK -o l1' '[[ -s l31 && -L l1 ]]'
hostile P09 path "-o a link to a directory" '^2$' 'mkdir d && ln -s d l && $B sleep $QUICK -o l' '[[ -L l ]]'
hostile P10 path "-o /dev/full (the report cannot be written)" '^1$' '$B sleep $QUICK -o /dev/full' \
  'grep -q "cannot write --output" err'
hostile P11 path "-o an existing read-only (0444) file" '^2$|^0$' \
  'echo keep > f && chmod 444 f && $B sleep $QUICK -o f' \
  '[[ $code == 0 && $(id -u) == 0 ]] || [[ $(cat f) == keep ]]'
hostile P12 path "-o a file with a second hard link: the other name keeps the old content" '^0$' \
  'echo old > f && ln f g && $B sleep $QUICK -o f' '[[ $(cat g) == old ]] && grep -q sleep f'
hostile P13 path "-o x and --trace ./x: one file by two spellings" '^2$' '$B sleep $QUICK -o x --trace ./x' '[[ ! -e x ]]'
hostile P14 path "-o into --dir reached through a linked directory" '^2$' \
  'mkdir in && echo data > in/a && ln -s in via && $B files --dir in $QD -o via/report' \
  '[[ $(ls in) == a && $(cat in/a) == data ]]'
hostile P15 path "-o /proc/self/fd/1 is standard output" '^0$' '$B sleep $QUICK --format csv -o /proc/self/fd/1' \
  'grep -q sleep,sequential out'
hostile P16 path "-o /dev/stderr puts the report on stderr" '^0$' '$B sleep $QUICK --format csv -o /dev/stderr' \
  'grep -q sleep,sequential err && [[ ! -s out ]]'
hostile P17 path "no -o with standard output closed" '^1$' '$B sleep $QUICK >&-' \
  'grep -q "standard output" err'
hostile P18 path "-o - with standard output /dev/full" '^1$' '$B sleep $QUICK -o - >/dev/full'
hostile P19 path "report into a pipe closed after one byte" '^(0|1)$' \
  'set -o pipefail; $B sleep $QUICK | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}'
hostile P20 path "-o /dev/stdout with stdout a file opened for appending" '^0$' \
  'echo first > log && $B sleep $QUICK --format csv -o /dev/stdout >>log' \
  '[[ $(head -n 1 log) == first ]] && grep -q sleep,sequential log'
hostile P21 path "--trace /dev/stderr" '^0$' '$B sleep $QUICK --trace /dev/stderr' 'grep -q traceEvents err'
hostile P22 path "--svg into a directory that is a file" '^2$' \
  'touch f && $B sweep sleep --vary tasks=1,2 --delay 1ms --model sequential --repeat 1 --warmup 0 --svg f/c.svg'
hostile P23 path "-o with a relative path in a deleted working directory" '^2$' \
  'mkdir gone && cd gone && rmdir ../gone && $B sleep $QUICK -o rel.txt'
hostile P24 path "a run in a deleted working directory, no -o" '^0$' 'mkdir gone && cd gone && rmdir ../gone && $B sleep $QUICK'
hostile P25 path "-o a 255-byte name of multibyte characters" '^0$' \
  'n=$(printf "é%.0s" $(seq 127))x; $B sleep $QUICK -o "$n"' '[[ $(ls | grep -c x) == 1 ]]'
hostile P26 path "-o a 256-byte name (one too long)" '^2$' '$B sleep $QUICK -o "$(printf "n%.0s" $(seq 256))"'
hostile P27 path "--dir a regular file" '^2$' 'touch f && $B files --dir f $QD'
hostile P28 path "--dir with a trailing slash and .. in it" '^0$' \
  'mkdir -p a/b && echo x > a/f && $B files --dir a/b/../ $QD --tasks 1'
hostile P29 path "--dir of empty files only" '^0$' 'mkdir d && touch d/a d/b && $B files --dir d $QD'
hostile P30 path "--dir /proc/sys/kernel (files that change as they are read)" '^(0|1)$' \
  '$B files --dir /proc/sys/kernel --model sequential --repeat 1 --warmup 0'
hostile P31 path "--dir /dev (devices only)" '^2$' '$B files --dir /dev $QD' 'grep -q "no readable regular files" err'
hostile P32 path "--dir names with spaces, newlines, escapes, bad UTF-8" '^0$' \
  'mkdir d && for n in "a b" "$(printf "c\nd")" "$(printf "e\033[31mf")" "$(printf "g\377h")"; do echo x > "d/$n"; done;
   $B files --dir d $QD --tasks 4'
hostile P33 path "--dir a symbolic link to a directory" '^0$' 'mkdir d && echo x > d/f && ln -s d l && $B files --dir l $QD --tasks 1'
hostile P34 path "--dir a 1 GiB sparse file" '^0$' \
  'mkdir d && truncate -s 1G d/sparse && $B files --dir d --model sequential,async --repeat 1 --warmup 0 --cache warm'
hostile P35 path "--dir a file whose name is -o" '^0$' 'mkdir d && echo x > d/-o && $B files --dir d $QD --tasks 1'
hostile P36 path "--dir 2,000 files under every model" '^0$' \
  'mkdir d && for i in $(seq 2000); do echo $i > d/$i; done; $B files --dir d --model all --repeat 1 --warmup 0'
if ((as_root)); then
  hostile P37 path "-o another user's file in a world-writable directory (as nobody)" '^2$' \
    'mkdir w && chmod 777 w && echo root > w/f && setpriv --reuid=65534 --regid=65534 --clear-groups $B sleep $QUICK -o w/f' \
    '[[ $(cat w/f) == root ]]'
  hostile P38 path "--dir unreadable (0111) as nobody" '^2$' \
    'mkdir d && echo x > d/f && chmod 111 d && setpriv --reuid=65534 --regid=65534 --clear-groups $B files --dir d $QD'
else
  skip P37 path "-o another user's file in a world-writable directory (as nobody)" "needs root"
  skip P38 path "--dir unreadable (0111) as nobody" "needs root"
fi
