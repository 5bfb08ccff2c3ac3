#!/usr/bin/env bash
# Speed and memory of `jisr align --presplit` on the evaluation set concatenated
# N times as one text (default: 10 and 40, as in issue 4), wall time and peak RSS.
# usage: benches/speed.sh [EVAL_DIR] [N...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${1:-$here/../shared/eval/ntrex-ar-en}
shift || true
times=("$@"); [ ${#times[@]} -gt 0 ] || times=(10 40)
[ -d "$eval_dir" ] || { echo "speed.sh: $eval_dir not found" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
jisr=$here/target/release/jisr
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for n in "${times[@]}"; do
  : > "$tmp/ar"; : > "$tmp/en"
  for _ in $(seq "$n"); do
    for f in "$eval_dir"/*.ar; do cat "$f"; echo; done >> "$tmp/ar"
    for f in "$eval_dir"/*.en; do cat "$f"; echo; done >> "$tmp/en"
  done
  ns=$(grep -c . "$tmp/ar"); nt=$(grep -c . "$tmp/en")
  best=""
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$jisr" align "$tmp/ar" "$tmp/en" --presplit --format beads -o "$tmp/out" "${JISR_FLAGS[@]:-}" 2>/dev/null || /usr/bin/time -f "%e %M" -o "$tmp/time" "$jisr" align "$tmp/ar" "$tmp/en" --presplit --format beads -o "$tmp/out"
    read -r secs kb < "$tmp/time"
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; mem=$kb; fi
  done
  printf '%3dx: %6d x %6d sentences: %5.2f s (best of 3), peak %4d MB, %d beads\n' "$n" "$ns" "$nt" "$best" "$((mem / 1024))" "$(wc -l < "$tmp/out")"
done
