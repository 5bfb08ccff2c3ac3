# Sourced by benches/diff_scale.sh and benches/tmx_scale.sh: builds jisr,
# makes a temporary folder ($tmp, removed on exit) and times runs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
jisr=$here/target/release/jisr
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# measure CMD ARGS...: run CMD; sets secs (wall time), mb (peak RSS) and
# status (its exit code) instead of stopping on a failure.
measure() {
  status=0
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" || status=$?
  local kb
  read -r secs kb < <(tail -n 1 "$tmp/time")
  mb=$((kb / 1024))
}
