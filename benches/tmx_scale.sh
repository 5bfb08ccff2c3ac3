#!/usr/bin/env bash
# How `jisr tmx stats` scales with the attributes of one element (issue 15,
# item 6): a `<tu>` with 100,000 and 1,000,000 attributes (1 MB and 12 MB).
# quick-xml's duplicate-name check compared each name with every earlier one:
# 21-29 s for the 1 MB file. Prints wall time and peak RSS.
#
# usage: benches/tmx_scale.sh [ATTRIBUTES...]   (default: 100000 1000000)
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
source "$(dirname "$0")/lib.sh"
for n in "${sizes[@]}"; do
  {
    printf '<tmx version="1.4"><header srclang="en"/><body><tu'
    awk -v n="$n" 'BEGIN { for (k = 0; k < n; k++) printf " a%d=\"v\"", k }'
    printf '><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n'
  } > "$tmp/wide.tmx"
  measure "$jisr" tmx stats "$tmp/wide.tmx" > /dev/null
  [ "$status" = 0 ] || { echo "tmx_scale.sh: jisr tmx stats failed ($status)" >&2; exit 1; }
  printf '%8d attributes (%5d KB): %6.2f s, peak %4d MB\n' \
    "$n" "$(( $(wc -c < "$tmp/wide.tmx") / 1024 ))" "$secs" "$mb"
done
