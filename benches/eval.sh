#!/usr/bin/env bash
# Accuracy of jisr, scored by the evaluation set's own scorers: presplit with
# score.py, raw with score_raw.py, each document aligned on its own with
# `jisr align`. Without EVAL_DIR: both dev profiles (../shared/eval/ntrex-ar-en
# and ntrex-ar-en-long), then the German-French articles of corpora/
# (presplit: every NAME.de that has a NAME.gold). Also prints the confidence
# check of benches/calibrate.py.
# usage: benches/eval.sh [EVAL_DIR] [extra jisr align flags...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dirs=()
if [ $# -gt 0 ] && [ -d "$1" ]; then
  dirs=("$1"); shift
else
  dirs=("$here/../shared/eval/ntrex-ar-en" "$here/../shared/eval/ntrex-ar-en-long")
fi
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
jisr=$here/target/release/jisr
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for eval_dir in "${dirs[@]}"; do
  [ -d "$eval_dir" ] || { echo "eval.sh: $eval_dir not found" >&2; exit 2; }
  scorers=$(dirname "$eval_dir")
  rm -f "$out"/*
  args=()
  start=$(date +%s.%N)
  for gold in "$eval_dir"/*.gold; do
    stem=$(basename "$gold" .gold)
    "$jisr" align "$eval_dir/$stem.ar" "$eval_dir/$stem.en" --presplit --format beads "$@" > "$out/$stem.beads"
    "$jisr" align "$eval_dir/$stem.ar.txt" "$eval_dir/$stem.en.txt" --format jsonl "$@" > "$out/$stem.jsonl"
    args+=("$gold" "$out/$stem.beads")
  done
  end=$(date +%s.%N)
  echo "== $(basename "$eval_dir")"
  echo "presplit: $(python3 "$scorers/score.py" "${args[@]}")"
  echo "raw:      $(python3 "$scorers/score_raw.py" "$eval_dir" "$out")"
  printf 'time: %.2f s for %d documents, both modes\n' "$(echo "$end - $start" | bc)" "${#args[@]}"
done
if [ ${#dirs[@]} -gt 1 ]; then
  scorers=$(dirname "${dirs[0]}")
  args=()
  for de in "$here"/corpora/*.de; do
    name=$(basename "$de" .de)
    [ -f "$here/corpora/$name.gold" ] || continue
    "$jisr" align "$de" "$here/corpora/$name.fr" --presplit --format beads "$@" > "$out/$name.beads"
    args+=("$here/corpora/$name.gold" "$out/$name.beads")
  done
  echo "== corpora German-French ($(( ${#args[@]} / 2 )) articles)"
  echo "presplit: $(python3 "$scorers/score.py" "${args[@]}")"
  echo "== confidence (benches/calibrate.py --check)"
  python3 "$here/benches/calibrate.py" "$scorers" --check | tail -n +3
fi
