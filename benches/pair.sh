#!/usr/bin/env bash
# Pairing benchmark (issue 11): for `jisr pair` on pools built from the
# shared evaluation set, prints F1 (score_pairs.py), wall and CPU time and
# peak memory (/usr/bin/time -v); then the time `jisr batch` takes to align
# the true pairs of the 5,000-article pool, and the ratio. The bars: F1 at
# least 0.99 on the dev pools and 0.98 on the 2,000-article scale pools;
# pairing 5,000 Arabic with 4,000 English at most twice the batch time, in
# at most 1.5 GB; time about linear in the pool (1,000 / 5,000 / 20,000).
#
# usage: benches/pair.sh [--quick] [SEEDS...]
#   default seeds 1 to 6 for the dev pools, 1 to 3 for the 2,000 pools;
#   --quick leaves out the 20,000-article pool. Pools go to a temp dir.
# On a shared machine wall time moves with the load: the CPU time (user +
# system) of pair and batch, measured back to back, is the steadier ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=../shared/eval
QUICK=
if [ "${1:-}" = --quick ]; then
    QUICK=1
    shift
fi
[ -d "$EVAL/ntrex-ar-en" ] || { echo "pair.sh: $EVAL/ntrex-ar-en not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "pair.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet
JISR=$PWD/target/release/jisr
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SEEDS=${*:-1 2 3 4 5 6}
SCALE_SEEDS=${*:-1 2 3}

# measure NAME CMD...: runs CMD under /usr/bin/time -v; sets WALL, CPU, MB.
measure() {
    /usr/bin/time -v -o "$TMP/time" "$@" > /dev/null 2> "$TMP/stderr" || true
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TMP/time")
    CPU=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$TMP/time")
    MB=$(awk -F': ' '/Maximum resident/ {printf "%d", $2 / 1024}' "$TMP/time")
}

# pair POOL LABEL: pairs a pool, prints its line.
pair() {
    local pool=$1 label=$2
    measure "$JISR" pair "$pool/ar" "$pool/en" -o "$pool/pairs.tsv"
    local f1
    f1=$(python3 "$EVAL/score_pairs.py" "$pool/gold.tsv" "$pool/pairs.tsv" | sed 's/.*f1=//')
    printf "%-34s F1 %s  %7.2f s wall  %7.2f s CPU  %5d MB\n" "$label" "$f1" "$WALL" "$CPU" "$MB"
}

echo "# dev pools (make_pairing.py)"
for profile in ntrex-ar-en ntrex-ar-en-long; do
    for seed in $SEEDS; do
        python3 "$EVAL/make_pairing.py" "$EVAL/$profile" "$TMP/$profile-$seed" "$seed" > /dev/null
        pair "$TMP/$profile-$seed" "$profile seed $seed"
    done
done
echo "# scale pools of 2,000 (make_pairing_scale.py ... 2000 SEED)"
for profile in ntrex-ar-en ntrex-ar-en-long; do
    for seed in $SCALE_SEEDS; do
        python3 "$EVAL/make_pairing_scale.py" "$EVAL/$profile" "$TMP/s2k-$profile-$seed" 2000 "$seed" > /dev/null
        pair "$TMP/s2k-$profile-$seed" "2000 $profile seed $seed"
        rm -rf "$TMP/s2k-$profile-$seed"
    done
done
echo "# growth (make_pairing_scale.py ntrex-ar-en N 5)"
SIZES="1000 5000 20000"
[ -n "$QUICK" ] && SIZES="1000 5000"
for n in $SIZES; do
    python3 "$EVAL/make_pairing_scale.py" "$EVAL/ntrex-ar-en" "$TMP/scale-$n" "$n" 5 > /dev/null
    pair "$TMP/scale-$n" "$n articles"
    if [ "$n" = 5000 ]; then
        PAIR_WALL=$WALL PAIR_CPU=$CPU
        # The reference: batch-align the 3,766 true pairs of the 5,000 pool.
        mkdir "$TMP/true"
        while IFS=$'\t' read -r a e; do
            ln -s "$TMP/scale-5000/ar/$a" "$TMP/true/${a%.txt}.ar.txt"
            ln -s "$TMP/scale-5000/en/$e" "$TMP/true/${a%.txt}.en.txt"
        done < "$TMP/scale-5000/gold.tsv"
        measure "$JISR" batch "$TMP/true" -o "$TMP/true.tmx"
        printf "%-34s           %7.2f s wall  %7.2f s CPU  %5d MB\n" \
            "batch of the $(wc -l < "$TMP/scale-5000/gold.tsv") true pairs" "$WALL" "$CPU" "$MB"
        awk -v pw="$PAIR_WALL" -v pc="$PAIR_CPU" -v bw="$WALL" -v bc="$CPU" \
            'BEGIN { printf "%-34s           %7.2f x wall  %7.2f x CPU   (bar: 2)\n", "pair / batch", pw / bw, pc / bc }'
    fi
    rm -rf "$TMP/scale-$n"
done
