#!/usr/bin/env bash
# Speed and memory of `jisr align --presplit` on the evaluation set concatenated
# N times as one text (default: 10 and 40, as in issue 4): wall time and peak RSS.
#
# Each size runs once with an empty dictionary cache (the first run after
# installing jisr or FreeDict stems FreeDict into the cache) and then three
# times with the cache; the best of those three is the figure reported.
#
# Then an unrelated pair (issue 15): the 10x Arabic against the 12x English
# with its lines shuffled, where little matches in order; its time should
# stay within a few times the related 10x text's, not grow with n x m.
#
# usage: benches/speed.sh [EVAL_DIR] [N...]
# JISR_FLAGS adds flags to every run, e.g. JISR_FLAGS=--no-system-dict.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${1:-$here/../shared/eval/ntrex-ar-en}
shift || true
times=("$@"); [ ${#times[@]} -gt 0 ] || times=(10 40)
read -r -a flags <<< "${JISR_FLAGS:-}"
[ -d "$eval_dir" ] || { echo "speed.sh: $eval_dir not found" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
jisr=$here/target/release/jisr
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export JISR_CACHE_DIR=$tmp/cache
run() {
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$jisr" align "$tmp/ar" "$tmp/en" --presplit \
    --format beads -o "$tmp/out" ${flags[@]+"${flags[@]}"}
  read -r secs kb < "$tmp/time"
}
# Three timed runs; the fastest is the figure ($best, with its peak $mem).
best_of_3() {
  best=""
  for _ in 1 2 3; do
    run
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; mem=$kb; fi
  done
}
echo "$(nproc) cores; flags: ${flags[*]:-(none)}"
for n in "${times[@]}"; do
  : > "$tmp/ar"; : > "$tmp/en"
  for _ in $(seq "$n"); do
    for f in "$eval_dir"/*.ar; do cat "$f"; echo; done >> "$tmp/ar"
    for f in "$eval_dir"/*.en; do cat "$f"; echo; done >> "$tmp/en"
  done
  ns=$(grep -c . "$tmp/ar"); nt=$(grep -c . "$tmp/en")
  rm -rf "$JISR_CACHE_DIR"
  run; cold=$secs
  best_of_3
  printf '%3dx: %6d x %6d sentences: %5.2f s (best of 3), peak %4d MB, %d beads; first run, empty cache: %.2f s\n' \
    "$n" "$ns" "$nt" "$best" "$((mem / 1024))" "$(wc -l < "$tmp/out")" "$cold"
done

# The unrelated pair: 10x Arabic against 12x English, lines shuffled.
: > "$tmp/ar"; : > "$tmp/en"
for _ in $(seq 10); do for f in "$eval_dir"/*.ar; do cat "$f"; echo; done >> "$tmp/ar"; done
for _ in $(seq 12); do for f in "$eval_dir"/*.en; do cat "$f"; echo; done; done \
  | grep . | shuf --random-source=<(yes) > "$tmp/en"
ns=$(grep -c . "$tmp/ar"); nt=$(grep -c . "$tmp/en")
best_of_3
printf 'unrelated: %6d x %6d sentences: %5.2f s (best of 3), peak %4d MB\n' \
  "$ns" "$nt" "$best" "$((mem / 1024))"
