#!/usr/bin/env bash
# The generated shell completions, driven through the real shells: bash through bash-completion's
# own loader (and a real Tab key in an interactive bash in tmux), zsh through compinit and a real
# Tab key in tmux, fish through `complete -C`. Usage: completion_test.sh SHELL SHARE_DIR, where
# SHARE_DIR is laid out as an installed share/ (bash-completion/completions/concur-demo,
# zsh/site-functions/_concur-demo, fish/vendor_completions.d/concur-demo.fish).
set -euo pipefail

shell=${1:?usage: completion_test.sh bash|bash-tab|zsh|fish SHARE_DIR}
share=$(cd "${2:?usage: completion_test.sh SHELL SHARE_DIR}" && pwd)
failures=0
checks=0
work=$(mktemp -d)
cleanup() {
  local socket
  for socket in "$work"/tmux.*.sock; do
    if [[ -S $socket ]]; then tmux -S "$socket" kill-server 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# expect NAME GOT WANTED...: every wanted word is among the words of GOT.
expect() {
  local name=$1 got=$2
  shift 2
  checks=$((checks + 1))
  local want
  for want in "$@"; do
    if [[ " $got " != *" $want "* ]]; then
      echo "FAIL $name: wanted '$want' in: $got"
      failures=$((failures + 1))
      return
    fi
  done
  echo "ok   $name: $got"
}

# refuse NAME GOT UNWANTED...: none of the words is among the words of GOT.
refuse() {
  local name=$1 got=$2
  shift 2
  checks=$((checks + 1))
  local bad
  for bad in "$@"; do
    if [[ " $got " == *" $bad "* ]]; then
      echo "FAIL $name: did not want '$bad' in: $got"
      failures=$((failures + 1))
      return
    fi
  done
  echo "ok   $name: (none of $*)"
}

# Runs bash-completion's loader on the installed file, then the completion function on LINE
# (the cursor at its end), as readline would: prints COMPREPLY.
bash_complete() {
  bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion
    export BASH_COMPLETION_USER_DIR=$1
    _completion_loader concur-demo
    line=$2
    COMP_LINE=$line
    COMP_POINT=${#line}
    read -ra COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    spec=$(complete -p concur-demo) || exit 3
    function=${spec#*-F }
    function=${function%% *}
    "$function" concur-demo "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
    echo "${COMPREPLY[*]}"
  ' _ "$share/bash-completion" "$1"
}

# Types LINE and a Tab into an interactive shell in tmux; prints the screen once it shows
# WANTED (or after 60 s: a loaded machine starts a shell slowly).
tab_in_tmux() {
  local command=$1 line=$2 wanted=$3
  # A tmux server of its own for each shell (this runs in a subshell: BASHPID differs each time).
  # On the last one's socket, a new session can reach that server while it is still shutting down
  # after its kill-server, and fail with "server exited unexpectedly" on a busy machine.
  local socket="$work/tmux.$BASHPID.sock"
  tmux -S "$socket" new-session -d -x 160 -y 12 "$command"
  local i screen=""
  # The prompt first, so the keys reach a shell that has loaded its completion system.
  for ((i = 0; i < 300; i++)); do
    screen=$(tmux -S "$socket" capture-pane -p)
    [[ $screen == *READY* ]] && break
    sleep 0.2
  done
  tmux -S "$socket" send-keys -l "$line"
  tmux -S "$socket" send-keys Tab
  for ((i = 0; i < 300; i++)); do
    screen=$(tmux -S "$socket" capture-pane -p)
    [[ $screen == *"$wanted"* ]] && break
    sleep 0.2
  done
  tmux -S "$socket" kill-server 2>/dev/null || true
  echo "$screen"
}

case $shell in
  bash)
    [[ -r /usr/share/bash-completion/bash_completion ]] || {
      echo "FAIL bash-completion is not installed (scripts/install-deps.sh installs it)"
      exit 1
    }
    expect "model th" "$(bash_complete 'concur-demo sleep --model th')" thread
    expect "model after a comma" "$(bash_complete 'concur-demo sleep --model thread,as')" thread,async thread,async-offload
    expect "model=" "$(bash_complete 'concur-demo sleep --model=fi')" fiber
    expect "commands" "$(bash_complete 'concur-demo ')" io cpu sleep files factorial all sweep count list explain
    expect "sleep options" "$(bash_complete 'concur-demo sleep --')" --model --tasks --delay --format --timeline --help
    refuse "sleep has no files options" "$(bash_complete 'concur-demo sleep --')" --size --dir --cache --vary
    expect "format" "$(bash_complete 'concur-demo all --format ')" table markdown csv json
    expect "cache" "$(bash_complete 'concur-demo files --cache ')" cold warm
    expect "sweep scenario" "$(bash_complete 'concur-demo sweep ')" sleep files factorial
    refuse "sweep scenario is not count" "$(bash_complete 'concur-demo sweep ')" count
    expect "sweep scenario after an option" "$(bash_complete 'concur-demo sweep --model thread f')" files factorial
    expect "sweep after the scenario" "$(bash_complete 'concur-demo sweep sleep -')" --vary --metric --svg
    expect "vary keys" "$(bash_complete 'concur-demo sweep sleep --vary ')" tasks= workers= delay=
    expect "metric" "$(bash_complete 'concur-demo sweep sleep --metric ')" wall cpu rss
    expect "explain topics" "$(bash_complete 'concur-demo explain ')" async sleep python-gil waiting-overlaps
    expect "top-level options" "$(bash_complete 'concur-demo -')" --help --version
    mkdir -p "$work/some-dir"
    expect "--dir completes directories" "$(cd "$work" && bash_complete 'concur-demo files --dir so')" some-dir
    ;;
  bash-tab)
    command -v tmux >/dev/null || {
      echo "FAIL tmux is not installed (scripts/install-deps.sh installs it)"
      exit 1
    }
    cat >"$work/bashrc" <<RC
source /usr/share/bash-completion/bash_completion
export BASH_COMPLETION_USER_DIR='$share/bash-completion'
PS1='READY\$ '
RC
    screen=$(tab_in_tmux "bash --noprofile --rcfile '$work/bashrc' -i" 'concur-demo sleep --model th' '--model thread')
    expect "Tab in an interactive bash" "$(echo "$screen" | grep -o -- '--model [a-z]*' | tail -1)" "--model thread"
    ;;
  zsh)
    if ! command -v zsh >/dev/null || ! command -v tmux >/dev/null; then
      echo "FAIL zsh or tmux is not installed (scripts/install-deps.sh installs them)"
      exit 1
    fi
    zsh -n "$share/zsh/site-functions/_concur-demo" || {
      echo "FAIL zsh cannot parse _concur-demo"
      exit 1
    }
    mkdir -p "$work/zdot"
    cat >"$work/zdot/.zshrc" <<RC
fpath=('$share/zsh/site-functions' \$fpath)
autoload -Uz compinit
compinit -u -d '$work/zcompdump'
PS1='READY%# '
RC
    screen=$(tab_in_tmux "env ZDOTDIR='$work/zdot' zsh -i" 'concur-demo sleep --model th' '--model thread')
    expect "Tab in an interactive zsh" "$(echo "$screen" | grep -o -- '--model [a-z]*' | tail -1)" "--model thread"
    screen=$(tab_in_tmux "env ZDOTDIR='$work/zdot' zsh -i" 'concur-demo swe' 'sweep')
    expect "zsh command name" "$(echo "$screen" | grep -o -- 'concur-demo [a-z]*' | tail -1)" "sweep"
    screen=$(tab_in_tmux "env ZDOTDIR='$work/zdot' zsh -i" 'concur-demo all --form' '--format')
    expect "zsh option name" "$(echo "$screen" | grep -o -- '--form[a-z]*' | tail -1)" "--format"
    ;;
  fish)
    command -v fish >/dev/null || {
      echo "FAIL fish is not installed (scripts/install-deps.sh installs it)"
      exit 1
    }
    # fish loads a command's completions from its completion path once the command exists.
    fish_complete() {
      fish --no-config -c "set -p fish_complete_path '$share/fish/vendor_completions.d'
        function concur-demo; end
        complete -C '$1'" | cut -f1 | tr '\n' ' '
    }
    expect "model th" "$(fish_complete 'concur-demo sleep --model th')" thread
    expect "model after a comma" "$(fish_complete 'concur-demo sleep --model thread,as')" thread,async
    expect "commands" "$(fish_complete 'concur-demo ')" io cpu sleep all sweep count list explain
    expect "sleep options" "$(fish_complete 'concur-demo sleep --')" --model --delay --format
    refuse "sleep has no files options" "$(fish_complete 'concur-demo sleep --')" --size --dir --vary
    expect "sweep scenario" "$(fish_complete 'concur-demo sweep ')" sleep files factorial
    expect "vary keys" "$(fish_complete 'concur-demo sweep sleep --vary ')" tasks= workers= delay=
    expect "explain topics" "$(fish_complete 'concur-demo explain ')" async python-gil
    ;;
  *)
    echo "usage: completion_test.sh bash|bash-tab|zsh|fish SHARE_DIR" >&2
    exit 2
    ;;
esac

echo "$((checks - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
