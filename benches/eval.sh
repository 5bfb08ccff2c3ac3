#!/usr/bin/env bash
# Accuracy of jisr on an evaluation folder (default ../shared/eval/ntrex-ar-en),
# scored by the folder's own scorers: presplit with score.py, raw with score_raw.py.
# usage: benches/eval.sh [EVAL_DIR] [extra jisr align flags...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${1:-$here/../shared/eval/ntrex-ar-en}
shift || true
scorers=$(dirname "$eval_dir")
[ -d "$eval_dir" ] || { echo "eval.sh: $eval_dir not found" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
jisr=$here/target/release/jisr
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
args=()
start=$(date +%s.%N)
for gold in "$eval_dir"/*.gold; do
  stem=$(basename "$gold" .gold)
  "$jisr" align "$eval_dir/$stem.ar" "$eval_dir/$stem.en" --presplit --format beads "$@" > "$out/$stem.beads"
  "$jisr" align "$eval_dir/$stem.ar.txt" "$eval_dir/$stem.en.txt" --format jsonl "$@" > "$out/$stem.jsonl"
  args+=("$gold" "$out/$stem.beads")
done
end=$(date +%s.%N)
echo "presplit: $(python3 "$scorers/score.py" "${args[@]}")"
echo "raw:      $(python3 "$scorers/score_raw.py" "$eval_dir" "$out")"
printf 'time: %.2f s for %d documents, both modes\n' "$(echo "$end - $start" | bc)" "${#args[@]}"
