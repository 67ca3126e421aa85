#!/usr/bin/env bash
# Gathers other projects' JSON-stat samples and test data into DEST, outside
# the repository, for tests/eurostat/jsonstat_corpus_test.cpp:
#   scripts/collect_jsonstat_corpus.sh /tmp/jsonstat_corpus
#   OMVARLD_JSONSTAT_CORPUS=/tmp/jsonstat_corpus build/omvarld_tests --gtest_filter='JsonStatCorpus.*'
# Each repository is read at the commit measured in the README; GIT_ROOT may
# name a folder of local clones (owner+name/repo), else they are cloned.
# The files stay data of their projects (see their licences); none is copied
# into this repository.
set -euo pipefail
dest=${1:?usage: $0 DEST}
mkdir -p "$dest"
repos=(
  "26fe/jsonstat.py 41b3308e7bb5932cc59efeb39da2c2ccf01ac721"
  "MortenGregersen/swift-jsonstat 5dc6e27e8b9653202d6f44360c501a824a1cb0da"
  "ajschumacher/rjstat 9370d3311531da953e4be07e426a248ed3a75009"
  "hamnis/json-stat.java e5a2e293df071ba65c77903928834bbf46c3097a"
  "predicador37/pyjstat 0e54b946960531e308e79b1ee16e5115b10f09ee"
  "jsonstat/validator cab9ab307ba54171e98527051651cbab44ffec7a"
)
for entry in "${repos[@]}"; do
  read -r repo commit <<<"$entry"
  name=${repo/\//+}
  git_dir=""
  for candidate in "${GIT_ROOT:-}/$name/repo/.git" "${GIT_ROOT:-}/$name/repo"; do
    if [ -n "${GIT_ROOT:-}" ] && git --git-dir="$candidate" rev-parse -q --verify "$commit^{commit}" >/dev/null 2>&1; then
      git_dir=$candidate
      break
    fi
  done
  if [ -z "$git_dir" ]; then
    git_dir="$dest/.git-$name"
    [ -d "$git_dir" ] || git clone -q --bare "https://github.com/$repo" "$git_dir"
  fi
  git --git-dir="$git_dir" ls-tree -r --name-only "$commit" |
    grep -i '\.json$' | grep -vi 'schema\|package\|snapshot\|tsconfig\|manifest' |
    while read -r f; do
      mkdir -p "$dest/$name/$(dirname "$f")"
      git --git-dir="$git_dir" show "$commit:$f" >"$dest/$name/$f"
    done
done
# The validator keeps its cases in one file: one JSON document per case.
cases="$dest/jsonstat+validator/corpus/cases.json"
if [ -f "$cases" ]; then
  python3 - "$cases" "$dest/jsonstat+validator" <<'PY'
import json, sys
for case in json.load(open(sys.argv[1])):
    with open(f"{sys.argv[2]}/{case['id'].replace('/', '__')}.json", "w") as out:
        json.dump(case["input"], out)
PY
  rm "$cases"
fi
find "$dest" -name '*.json' -not -path '*/.git-*' | wc -l | xargs echo "JSON files in $dest:"
