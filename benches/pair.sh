#!/usr/bin/env bash
# Pairing benchmark (issue 11): F1 of `jisr pair` on pools built from the
# shared evaluation set, its time and peak memory, and the time `jisr batch`
# takes to align the true pairs of the 5,000-article pool (the speed bar:
# pairing at most twice that, in at most 1.5 GB, about linear in the pool).
#
# usage: benches/pair.sh [SEEDS...]   (default seeds 1 to 6; pools in a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=../shared/eval
[ -d "$EVAL/ntrex-ar-en" ] || { echo "pair.sh: $EVAL/ntrex-ar-en not found" >&2; exit 2; }
cargo build --release --quiet
JISR=$PWD/target/release/jisr
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SEEDS=${*:-1 2 3 4 5 6}

run() { # POOL: prints F1, seconds, peak RSS
    local pool=$1
    /usr/bin/time -f "%e %M" -o "$TMP/time" "$JISR" pair "$pool/ar" "$pool/en" -o "$pool/pairs.tsv" 2>/dev/null || true
    local f1 t kb
    f1=$(python3 "$EVAL/score_pairs.py" "$pool/gold.tsv" "$pool/pairs.tsv" | sed 's/.*f1=//')
    read -r t kb < "$TMP/time"
    printf "%-28s F1 %s  %6.2f s  %5d MB\n" "$(basename "$pool")" "$f1" "$t" $((kb / 1024))
}

for profile in ntrex-ar-en ntrex-ar-en-long; do
    for seed in $SEEDS; do
        python3 "$EVAL/make_pairing.py" "$EVAL/$profile" "$TMP/$profile-$seed" "$seed" > /dev/null
        run "$TMP/$profile-$seed"
    done
done
for n in 1000 2000 5000 20000; do
    python3 "$EVAL/make_pairing_scale.py" "$EVAL/ntrex-ar-en" "$TMP/scale-$n" "$n" 5 > /dev/null
    run "$TMP/scale-$n"
done

# The reference: batch-align the 3,766 true pairs of the 5,000 pool.
mkdir "$TMP/true"
while IFS=$'\t' read -r a e; do
    ln -s "$TMP/scale-5000/ar/$a" "$TMP/true/${a%.txt}.ar.txt"
    ln -s "$TMP/scale-5000/en/$e" "$TMP/true/${a%.txt}.en.txt"
done < "$TMP/scale-5000/gold.tsv"
/usr/bin/time -f "%e %M" -o "$TMP/time" "$JISR" batch "$TMP/true" -o "$TMP/true.tmx" 2>/dev/null
read -r t kb < "$TMP/time"
printf "%-28s        %6.2f s  %5d MB\n" "batch of the true pairs" "$t" $((kb / 1024))
