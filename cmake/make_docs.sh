#!/usr/bin/env bash
# Generates the man pages and the shell completions from the built binary's
# own --help, so they say what the binary does (run at build time by the
# omvarld_docs target of cmake/install.cmake).
#
#   make_docs.sh BINARY OUTDIR VERSION [HELP2MAN]
#
# Writes OUTDIR/man/omvarld.1.gz and one page per command and subcommand
# (omvarld-rank.1.gz, omvarld-flags-rescore.1.gz, ...), OUTDIR/bash/omvarld
# and OUTDIR/zsh/_omvarld. Without HELP2MAN, no man pages.
#
# It reads CLI11's help layout: an "Options:" section of lines
# "  -s,--long TYPE   text" and a "Subcommands:" section of lines
# "  name   description".
set -euo pipefail
bin=$1 out=$2 version=$3 help2man=${4:-}
# A sanitizer build's binary: printing help is no leak check.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
mkdir -p "$out/man" "$out/bash" "$out/zsh"
rm -f "$out"/man/*.1.gz

# help PATH...: the help text of a command path ("" for the top).
help() { "$bin" "$@" --help; }
# section NAME: the indented lines of one section of the help on stdin.
section() { awk -v s="$1:" '$0 == s {on=1; next} on && /^[^ ]/ {on=0} on && /^  [^ ]/'; }
subcommands() { help "$@" | section Subcommands | awk '{print $1}'; }
subcommand_descriptions() {
  help "$@" | section Subcommands | sed -E 's/^  ([^ ]+) +/\1\t/'
}
# options PATH...: lines "NAME US VALUE US DESCRIPTION" (US, the unit
# separator \037, since a tab would collapse an empty VALUE), one per option
# name (-q and --quiet apart); VALUE is "" for a flag, the choices
# ("table csv json") for TEXT:{...}, else "FILE".
options() {
  # CLI11 pads the name column to 30 characters; a longer one puts the
  # description on the next line.
  help "$@" | section Options | awk '
    function flush() { if (spec != "") emit(); spec = "" }
    function emit(   n, i, names, type, value) {
      type = spec; sub(/^[^ ]+ */, "", type)
      value = ""
      if (type ~ /:\{/) { value = type; sub(/^[^{]*\{/, "", value); sub(/\}.*/, "", value); gsub(/,/, " ", value) }
      else if (type != "") value = "FILE"
      n = split(spec, names, /[ ,]/)
      for (i = 1; i <= n && names[i] ~ /^-/; i++) printf "%s\037%s\037%s\n", names[i], value, desc
    }
    /^  -/ {
      flush()
      if (length($0) > 30 && substr($0, 30, 1) == " ") { spec = substr($0, 3, 28); desc = substr($0, 31) }
      else { spec = substr($0, 3); desc = "" }
      sub(/ +$/, "", spec)
      next
    }
    spec != "" && desc == "" { desc = $0; sub(/^ +/, "", desc) }
    END { flush() }'
}

# Every command path, the top ("") first, depth first.
paths=()
walk() {
  paths+=("$*")
  local sub
  for sub in $(subcommands "$@"); do walk "$@" "$sub"; done
}
walk

# --- man pages ------------------------------------------------------------
# help2man reads the help up to its Options (the part it lays out well); the
# command list, the footer's notes and its examples go into the page through
# help2man's include file, the examples preformatted so they stay aligned.
roff() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^[.']/\\\\\&&/"; }
# The footer: the lines after the last section, from the first one at column 0.
footer() { awk '/^Usage:/ {u = 1; next} u && /^[^ ]/ && !/^(Options|Subcommands|Positionals):$/ {f = 1} f'; }
if [ -n "$help2man" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  printf '#!/bin/sh\ncat "%s/head"\n' "$work" >"$work/help"
  chmod +x "$work/help"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    set -- $p
    parent=()
    if [ $# -eq 0 ]; then
      name=omvarld
      what="horizon scanning and city benchmarking for the City of Stockholm"
    else
      name="omvarld-${p// /-}"
      parent=("${@:1:$#-1}")
      what=$(subcommand_descriptions "${parent[@]}" | awk -F'\t' -v c="${!#}" '$1 == c {print $2}')
    fi
    help "$@" >"$work/full"
    awk '/^Subcommands:$/ {skip = 1; next} skip && /^  / {next} {skip = 0} /^Usage:/ {u = 1}
         u && /^[^ ]/ && !/^(Usage:|Options:|Positionals:)/ {exit} {print}' "$work/full" >"$work/head"
    footer <"$work/full" >"$work/footer"
    {
      # [name]: help2man would take --name for Latin-1 and garble "påverkan".
      printf '[name]\n%s \\- %s\n' "$name" "$(echo "$what" | roff)"
      echo "[>description]"
      if [ -n "$(sed '/^Examples:$/,$d' "$work/footer")" ]; then
        echo ".PP"
        sed '/^Examples:$/,$d' "$work/footer" | roff
      fi
      if [ -n "$(subcommands "$@")" ]; then
        echo ".SS Commands"
        subcommand_descriptions "$@" | while IFS=$'\t' read -r sub d; do
          printf '.TP\n.B %s\n%s\n' "$(echo "$sub" | roff)" "$(echo "$d" | roff)"
        done
        echo ".PP"
        printf 'Each has its own page, \\fBomvarld\\-%sCOMMAND\\fR(1), and \\fB\\-\\-help\\fR.\n' \
          "${p:+${p// /\\-}\\-}"
      fi
      if grep -q '^Examples:$' "$work/footer"; then
        echo "[examples]"
        echo ".nf"
        sed '0,/^Examples:$/d' "$work/footer" | roff
        echo ".fi"
      fi
      if [ $# -eq 0 ]; then
        cat <<'EOF'
[environment]
.TP
.B OMVARLD_DATA_DIR
the data folder (as \fB\-\-data\-dir\fR)
.TP
.B OMVARLD_CONFIG
the configuration folder (as \fB\-\-config\fR; default: indicators/ of the data folder)
.TP
.B OMVARLD_FEEDS
the folder of sources.toml and relevance.toml (as \fB\-\-feeds\fR; default: feeds/ of the
data folder)
.TP
.B OMVARLD_DB
the database (as \fB\-\-db\fR; default: $XDG_DATA_HOME/omvarld/omvarld.db, else
~/.local/share/omvarld/omvarld.db)
.TP
.B OMVARLD_EUROSTAT_BASE
the base URL of Eurostat's API (as \fB\-\-eurostat\-base\fR)
[files]
.TP
.I <prefix>/share/omvarld/
the data folder as installed: \fIindicators/\fR (indicators.toml, peers.toml, omvarld.toml,
frameworks/, the Eurostat sample) and \fIfeeds/\fR (sources.toml, relevance.toml, the sample
consultations, labelled items). Found as ../share/omvarld beside the binary.
.TP
.I ~/.local/share/omvarld/omvarld.db
the database, with its decisions file omvarld.decisions.db beside it.
EOF
      fi
      echo "[see also]"
      if [ $# -eq 0 ]; then
        for q in "${paths[@]:1}"; do printf '.BR omvarld\\-%s (1)\n.br\n' "${q// /\\-}"; done
      else
        printf '.BR omvarld (1)\n'
        [ ${#parent[@]} -eq 0 ] || printf '.br\n.BR omvarld\\-%s (1)\n' "${parent[*]// /\\-}"
      fi
    } >"$work/include"
    # C.UTF-8: keep the non-ASCII letters of the help (påverkan).
    LC_ALL=C.UTF-8 "$help2man" --locale=C.UTF-8 --no-info --section=1 --source="omvarld $version" \
      --manual="omvarld manual" --version-string="$name $version" \
      --help-option=--help --include="$work/include" --output="$out/man/$name.1" "$work/help"
    gzip -9nf "$out/man/$name.1"
  done
fi

# --- completions ----------------------------------------------------------
# Shell-quoted words for the generated scripts.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

bash_out="$out/bash/omvarld"
{
  echo "# bash completion for omvarld $version, generated from its --help by cmake/make_docs.sh."
  echo "_omvarld_subcommands() {"
  echo "  case \$1 in"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    subs=$(subcommands $p | tr '\n' ' ')
    [ -z "$subs" ] || echo "    $(q "$p")) echo $(q "${subs% }") ;;"
  done
  echo "  esac"
  echo "}"
  echo "_omvarld_options() {"
  echo "  case \$1 in"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    opts=$(options $p | cut -d$'\037' -f1 | tr '\n' ' ')
    echo "    $(q "$p")) echo $(q "${opts% }") ;;"
  done
  echo "  esac"
  echo "}"
  echo "# The value an option takes: its choices, FILE, or nothing for a flag."
  echo "_omvarld_value() {"
  echo "  case \$1/\$2 in"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    options $p | while IFS=$'\037' read -r name value _; do
      if [ -n "$value" ]; then echo "    $(q "$p/$name")) echo $(q "$value") ;;"; fi
    done
  done
  echo "  esac"
  echo "}"
  cat <<'EOF'
_omvarld() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local cmd="" w i value
  # The command path: the words before the cursor that name subcommands,
  # skipping options and the values they take.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ $w == -* ]]; then
      [[ $w != *=* && -n $(_omvarld_value "$cmd" "$w") ]] && ((i++))
      continue
    fi
    [[ " $(_omvarld_subcommands "$cmd") " == *" $w "* ]] && cmd=${cmd:+$cmd }$w
  done
  if [[ $prev == -* ]]; then
    value=$(_omvarld_value "$cmd" "$prev")
    if [[ $value == FILE ]]; then
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
    elif [[ -n $value ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$value" -- "$cur")
      return
    fi
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_omvarld_options "$cmd")" -- "$cur")
  elif [[ -n $(_omvarld_subcommands "$cmd") ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_omvarld_subcommands "$cmd")" -- "$cur")
  else
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _omvarld omvarld
EOF
} >"$bash_out"

# zsh: the same walk, with descriptions. zq NAME DESCRIPTION: one quoted
# "name:description" entry for _describe (colons in either escaped).
zq() { q "${1//:/\\:}:${2//:/\\:}"; }
zsh_out="$out/zsh/_omvarld"
{
  echo "#compdef omvarld"
  echo "# zsh completion for omvarld $version, generated from its --help by cmake/make_docs.sh."
  echo "_omvarld_subcommands() {"
  echo "  case \$1 in"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    subs=$(subcommand_descriptions $p | while IFS=$'\t' read -r n d; do printf '%s ' "$(zq "$n" "$d")"; done)
    [ -z "$subs" ] || echo "    $(q "$p")) reply=(${subs% }) ;;"
  done
  echo "    *) reply=() ;;"
  echo "  esac"
  echo "}"
  echo "_omvarld_options() {"
  echo "  case \$1 in"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    opts=$(options $p | while IFS=$'\037' read -r n _ d; do printf '%s ' "$(zq "$n" "$d")"; done)
    echo "    $(q "$p")) reply=(${opts% }) ;;"
  done
  echo "    *) reply=() ;;"
  echo "  esac"
  echo "}"
  echo "_omvarld_value() {"
  echo "  case \$1/\$2 in"
  for p in "${paths[@]}"; do
    # shellcheck disable=SC2086
    options $p | while IFS=$'\037' read -r name value _; do
      if [ -n "$value" ]; then echo "    $(q "$p/$name")) REPLY=$(q "$value") ;;"; fi
    done
  done
  echo "    *) REPLY='' ;;"
  echo "  esac"
  echo "}"
  cat <<'EOF'
_omvarld() {
  local cmd="" w i
  local -a reply
  for ((i = 2; i < CURRENT; i++)); do
    w=${words[i]}
    if [[ $w == -* ]]; then
      _omvarld_value "$cmd" "$w"
      [[ $w != *=* && -n $REPLY ]] && ((i++))
      continue
    fi
    _omvarld_subcommands "$cmd"
    (( ${reply[(I)${w}:*]} )) && cmd=${cmd:+$cmd }$w
  done
  if [[ ${words[CURRENT-1]} == -* ]]; then
    _omvarld_value "$cmd" "${words[CURRENT-1]}"
    if [[ $REPLY == FILE ]]; then
      _files
      return
    elif [[ -n $REPLY ]]; then
      compadd -- ${=REPLY}
      return
    fi
  fi
  if [[ ${words[CURRENT]} == -* ]]; then
    _omvarld_options "$cmd"
    _describe -t options option reply
    return
  fi
  _omvarld_subcommands "$cmd"
  if (( ${#reply} )); then
    _describe -t commands command reply
  else
    _files
  fi
}
_omvarld "$@"
EOF
} >"$zsh_out"
