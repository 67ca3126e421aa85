#!/usr/bin/env bash
# The installed tree works without the source tree (issue #11, "Checks").
#
#   install_test.sh BUILD_DIR SOURCE_DIR MAN_PAGES(0|1)
#
# Installs BUILD_DIR into a temporary prefix (cmake --install), then, from
# another temporary folder and with none of omvarld's variables set, runs
# the installed `omvarld demo`, `rank` and `report` on the demo's database
# and checks that they say something real. Also checks what else is
# installed: the data folder, a man page per command, completions that know
# every command and option of `omvarld --help`, and units that name the
# installed binary; and that the binary does not fall back on the source
# tree. SOURCE_DIR is only looked for in outputs, never given to omvarld.
set -euo pipefail
build=$1 src=$2 man_pages=$3

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...: COMMAND must succeed
  local what=$1
  shift
  "$@" >/dev/null 2>&1 || fail "$what"
}

tmp=$(mktemp -d /tmp/omvarld-install-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; echo "FAIL: cmake --install" >&2; exit 1; }
bin=$prefix/bin/omvarld

# omvarld as a user would run it: none of its variables, a home of its own,
# the current folder outside both the source tree and the build tree.
mkdir -p "$tmp/work" "$tmp/home"
run() {
  (cd "$tmp/work" && env -u OMVARLD_SOURCE_DIR -u OMVARLD_DATA_DIR -u OMVARLD_CONFIG \
    -u OMVARLD_FEEDS -u OMVARLD_DB -u OMVARLD_EUROSTAT_BASE -u XDG_DATA_HOME \
    HOME="$tmp/home" PATH=/usr/bin:/bin "$@")
}

# --- what is installed -----------------------------------------------------
check "bin/omvarld is installed" test -x "$bin"
for f in indicators/indicators.toml indicators/peers.toml indicators/omvarld.toml \
  indicators/frameworks/sustainability.toml indicators/sample/eurostat/urb_percep.csv \
  feeds/sources.toml feeds/relevance.toml feeds/sample/consultations.csv \
  feeds/labelled/hys_policy_labels.tsv; do
  check "share/omvarld/$f is installed" test -f "$prefix/share/omvarld/$f"
done
[ -z "$(find "$prefix" -name omvarld-data-dir)" ] || fail "the build-tree marker is installed"
[ -z "$(find "$prefix" -name '*.py')" ] || fail "the sample scripts are installed"

# Every command path of the installed binary's own help.
subcommands() { run "$bin" "$@" --help | awk '$0 == "Subcommands:" {on=1; next} on && /^[^ ]/ {on=0} on && /^  [^ ]/ {print $1}'; }
options() { run "$bin" "$@" --help | awk '$0 == "Options:" {on=1; next} on && /^[^ ]/ {on=0} on && /^  -/ {n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i]}'; }
paths=("")
for c in $(subcommands); do
  paths+=("$c")
  for s in $(subcommands "$c"); do paths+=("$c $s"); done
done
[ ${#paths[@]} -gt 14 ] || fail "omvarld --help lists only ${#paths[@]} command paths"

if [ "$man_pages" = 1 ]; then
  for p in "${paths[@]}"; do
    page=$prefix/share/man/man1/omvarld${p:+-${p// /-}}.1.gz
    if [ ! -f "$page" ]; then
      fail "no man page $page"
    elif ! zcat "$page" | grep -q '^\.TH'; then
      fail "$page is not a man page"
    fi
  done
  zcat "$prefix/share/man/man1/omvarld-rank.1.gz" | grep -q 'uncertainty' ||
    fail "omvarld-rank.1 does not describe --uncertainty"
  zcat "$prefix/share/man/man1/omvarld.1.gz" | grep -q 'OMVARLD_DATA_DIR' ||
    fail "omvarld.1 does not describe OMVARLD_DATA_DIR"
fi

# Completions: ask the bash one what it completes, for every command path.
bash_completion=$prefix/share/bash-completion/completions/omvarld
zsh_completion=$prefix/share/zsh/vendor-completions/_omvarld
check "bash completion is installed" test -f "$bash_completion"
check "zsh completion is installed" test -f "$zsh_completion"
complete_words() { # complete_words WORD...: what bash offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _omvarld; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$bash_completion" omvarld "$@"
}
for p in "${paths[@]}"; do
  # shellcheck disable=SC2086
  offered=" $(complete_words $p '' | tr '\n' ' ') "
  # shellcheck disable=SC2086
  for s in $(subcommands $p); do
    [[ $offered == *" $s "* ]] || fail "bash completion of 'omvarld $p' lacks $s"
    grep -q "'$s:" "$zsh_completion" || fail "zsh completion lacks $s"
  done
  # shellcheck disable=SC2086
  offered=" $(complete_words $p - | tr '\n' ' ') "
  # shellcheck disable=SC2086
  for o in $(options $p); do
    [[ $offered == *" $o "* ]] || fail "bash completion of 'omvarld $p -' lacks $o"
    grep -q -- "'$o:" "$zsh_completion" || fail "zsh completion lacks $o"
  done
done
[ "$(complete_words rank --format '' | tr '\n' ' ')" = "table csv json " ] ||
  fail "bash completion does not offer rank --format's values"
if command -v zsh >/dev/null; then
  check "the zsh completion parses" zsh -n "$zsh_completion"
fi

# Units: every ExecStart names the installed binary.
units=("$prefix"/lib/systemd/system/omvarld-*)
[ ${#units[@]} -ge 7 ] || fail "only ${#units[@]} systemd units installed"
while read -r line; do
  [[ $line == *"$bin "* ]] || fail "unit runs another binary: $line"
done < <(grep -h '^ExecStart=' "$prefix"/lib/systemd/system/*.service)

# --- it runs -----------------------------------------------------------------
if ! run "$bin" demo --out "$tmp/work/demo" --quiet >"$tmp/demo.out" 2>"$tmp/demo.err"; then
  fail "omvarld demo failed: $(cat "$tmp/demo.err")"
fi
grep -q 'Stockholm' "$tmp/demo.out" || fail "omvarld demo does not rank Stockholm"
check "the demo wrote its benchmark report" grep -q Stockholm "$tmp/work/demo/benchmark.html"
check "the demo wrote its flags digest" test -s "$tmp/work/demo/flags.html"
db=$tmp/work/demo/omvarld-demo.db

if ! run "$bin" rank --db "$db" >"$tmp/rank.out" 2>"$tmp/rank.err"; then
  fail "omvarld rank failed: $(cat "$tmp/rank.err")"
fi
for city in Stockholm Oslo Helsinki København; do
  grep -q "$city" "$tmp/rank.out" || fail "omvarld rank does not list $city"
done
# The table ranks the five Nordic capitals 1 to 5 (whichever order the data give).
ranks=$(grep -E '^[0-9]+ +[A-Z]{2}[0-9]{3}C ' "$tmp/rank.out" | awk '{print $1}' | tr '\n' ' ')
[ "$ranks" = "1 2 3 4 5 " ] || fail "omvarld rank does not rank the five cities 1 to 5 (ranks: $ranks)"
grep -Eq '^[1-5] +SE001C +Stockholm' "$tmp/rank.out" || fail "omvarld rank does not rank Stockholm"

mkdir -p "$tmp/work/reports"
if ! run "$bin" report benchmark --db "$db" --out "$tmp/work/reports/benchmark.html" --csv \
  >"$tmp/report.out" 2>"$tmp/report.err"; then
  fail "omvarld report benchmark failed: $(cat "$tmp/report.err")"
fi
check "report benchmark names Stockholm" grep -q Stockholm "$tmp/work/reports/benchmark.html"
check "report benchmark wrote its CSV" grep -q SE001C "$tmp/work/reports/benchmark.csv"
if ! run "$bin" report flags --db "$db" --out "$tmp/work/reports/flags.html" \
  >>"$tmp/report.out" 2>>"$tmp/report.err"; then
  fail "omvarld report flags failed: $(cat "$tmp/report.err")"
fi
check "report flags wrote the digest" test -s "$tmp/work/reports/flags.html"

if grep -Fq "$src" "$tmp"/*.out "$tmp"/*.err; then
  fail "the installed omvarld mentions the source tree: $(grep -Fh "$src" "$tmp"/*.out "$tmp"/*.err | head -3)"
fi

# Without its data folder it fails, saying what it tried: no path compiled
# in (the source tree's, say) stands in. OMVARLD_DATA_DIR finds it again.
mv "$prefix/share/omvarld" "$tmp/moved-data"
if run "$bin" rank --db "$db" >"$tmp/nodata.out" 2>"$tmp/nodata.err"; then
  fail "omvarld rank ran without a data folder"
fi
grep -q "no data folder found" "$tmp/nodata.err" || fail "no 'no data folder found' error: $(cat "$tmp/nodata.err")"
grep -Fq "$prefix/share/omvarld" "$tmp/nodata.err" || fail "the error does not name $prefix/share/omvarld"
if ! run env OMVARLD_DATA_DIR="$tmp/moved-data" "$bin" rank --db "$db" >"$tmp/moved.out" 2>&1; then
  fail "OMVARLD_DATA_DIR does not find the moved data folder: $(cat "$tmp/moved.out")"
fi
mv "$tmp/moved-data" "$prefix/share/omvarld"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "installed tree: ${#paths[@]} command paths, demo, rank and report run without the source tree"
