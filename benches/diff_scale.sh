#!/usr/bin/env bash
# How `jisr diff OLD NEW` scales with the length of the texts (issue 15, item 2):
# wall time and peak RSS for revisions of about 900 and 9,000 sentences (or the
# sizes given), in three shapes:
#
#   edited     the English corpus repeated, each copy numbered in its first
#              sentence of a paragraph (so some sentences are unique, as in a
#              long real text), against a revision with words changed, sentences
#              deleted, inserted and moved;
#   repeated   the same without the numbers: no sentence is unique, nothing to
#              anchor on, so the whole text is one gap for the band;
#   unrelated  the English against the German corpus: nothing matches, every
#              sentence is deleted or inserted, the worst case for move search.
#
# The target is a ratio: 10x the sentences may cost at most 15x the time, and
# the largest run stays under 1 GB.
#
# usage: benches/diff_scale.sh [SENTENCES...]   (default: 900 9000)
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(900 9000)
source "$(dirname "$0")/lib.sh"

# Presplit text of about $1 sentences from the files $3..., one sentence a line;
# with $2 = numbered, the first sentence of every paragraph names its copy.
build() {
  local want=$1 numbered=$2; shift 2
  local per; per=$(cat "$@" | grep -c .)
  local copies=$(( (want + per - 1) / per ))
  for copy in $(seq "$copies"); do
    for f in "$@"; do
      awk -v copy="$copy" -v numbered="$numbered" '
        numbered == "numbered" && NF && !inpara { sub(/\.$/, " (part " copy ")."); }
        { inpara = NF > 0; print }
        END { print "" }' "$f"
    done
  done
}

# A revision of presplit text on stdin: about 1 line in 12 gets a word changed,
# 1 in 40 is deleted, 1 in 40 is moved 30 lines later, 1 in 50 gets a new
# sentence after it. Deterministic (fixed seed).
revise() {
  awk 'BEGIN { srand(15) }
    function later(line) { held[NR + 30] = held[NR + 30] line "\n" }
    {
      if (NR in held) { printf "%s", held[NR]; delete held[NR] }
      if (!NF) { print; next }
      r = rand()
      if (r < 0.025) next
      if (r < 0.05) { later($0); next }
      if (r < 0.13) { k = int(rand() * NF) + 1; $k = ($k == "the" ? "a" : "the") }
      print
      if (rand() < 0.02) print "The editor added this sentence, number " NR ", for the reader."
    }
    END { for (k in held) printf "%s", held[k] }'
}

en=("$here"/corpora/*.en)
de=("$here"/corpora/*.de)
echo "$(nproc) cores"
for n in "${sizes[@]}"; do
  for shape in edited repeated unrelated; do
    case $shape in
      edited) build "$n" numbered "${en[@]}" > "$tmp/old"; revise < "$tmp/old" > "$tmp/new" ;;
      repeated) build "$n" plain "${en[@]}" > "$tmp/old"; revise < "$tmp/old" > "$tmp/new" ;;
      unrelated) build "$n" plain "${en[@]}" > "$tmp/old"; build "$n" plain "${de[@]}" > "$tmp/new" ;;
    esac
    measure "$jisr" diff --presplit --tgt-lang en --format jsonl -o "$tmp/out" "$tmp/old" "$tmp/new"
    [ "$status" -le 1 ] || { echo "diff_scale.sh: jisr diff failed ($status)" >&2; exit 1; }
    printf '%6d x %6d sentences, %-9s: %7.2f s, peak %5d MB, %d segments\n' \
      "$(grep -c . "$tmp/old")" "$(grep -c . "$tmp/new")" "$shape" "$secs" "$mb" \
      "$(wc -l < "$tmp/out")"
  done
done
