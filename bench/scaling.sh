#!/usr/bin/env bash
# How the tools scale with -j: generates an OpenVCloud tree with ovc-gen and
# its NDJSON stream, then times capnp-cat, acct-filter, acct-slice --by and
# acct-fmt --csv at -j 1, 2, 4, 8, 16 and the machine's core count, and
# prints seconds and speed-ups over -j 1 (best of RUNS runs).
#
#   BIN=/path/to/release/binaries bench/scaling.sh [ACCOUNTS [HOURS]]
#
# ACCOUNTS (default 100) and HOURS (default 720) size the corpus; 100
# accounts of a month are about 3.7 million VM-hours. Needs only bash,
# coreutils and the static release binaries (capnp-cat, acct-filter,
# acct-slice, acct-fmt, ovc-gen) in BIN. WORK (default a folder under
# /tmp) keeps the corpus; JOBS overrides the list of -j values.
set -euo pipefail
BIN=${BIN:?set BIN to the folder of the release binaries}
ACCOUNTS=${1:-100}
HOURS=${2:-720}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/acct-scaling}
cores=$(nproc)
JOBS=${JOBS:-$(printf '%s\n' 1 2 4 8 16 "$cores" | sort -n -u | tr '\n' ' ')}
for tool in capnp-cat acct-filter acct-slice acct-fmt ovc-gen; do
  [ -x "$BIN/$tool" ] || { echo "scaling.sh: no $BIN/$tool" >&2; exit 64; }
done

tree=$WORK/ovc-$ACCOUNTS-$HOURS
stream=$WORK/records-$ACCOUNTS-$HOURS.ndjson
mkdir -p "$WORK"
if [ ! -f "$tree/.made" ]; then
  echo "making the tree: ovc-gen --accounts $ACCOUNTS --hours $HOURS --out $tree"
  rm -rf "$tree"
  "$BIN/ovc-gen" --seed 3 --accounts "$ACCOUNTS" --cloudspaces 10 --vms 19 --hours "$HOURS" --out "$tree" > /dev/null
  touch "$tree/.made"
fi
if [ ! -f "$stream" ]; then
  "$BIN/capnp-cat" "$tree" > "$stream.part"
  mv "$stream.part" "$stream"
fi
records=$(wc -l < "$stream")
bytes=$(wc -c < "$stream")
files=$(find "$tree" -name 'account_capnp.bin*' | wc -l)
echo "corpus: $files files, $records records, $((bytes / 1000000)) MB of NDJSON; $cores cores"

# The best wall time, in seconds, of RUNS runs of a command line.
best() {
  local best="" t
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    bash -c "$1" > /dev/null
    end=$(date +%s%N)
    t=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}

# ms to seconds with three decimals; a ratio of two ms with two.
seconds() { printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )); }
ratio() { local r=$(( $1 * 100 / ($2 > 0 ? $2 : 1) )); printf '%d.%02d' $(( r / 100 )) $(( r % 100 )); }

declare -A commands=(
  [capnp-cat]="$BIN/capnp-cat -j %J $tree"
  [acct-filter]="$BIN/acct-filter -j %J -a 7 -s 2018-10-03 $stream"
  [acct-slice]="$BIN/acct-slice -j %J --every month --by account $stream"
  [acct-fmt]="$BIN/acct-fmt -j %J --csv $stream"
)
printf '%-12s' "-j"
for j in $JOBS; do printf '%16s' "$j"; done
echo
for tool in capnp-cat acct-filter acct-slice acct-fmt; do
  printf '%-12s' "$tool"
  base=""
  for j in $JOBS; do
    ms=$(best "${commands[$tool]//%J/$j}")
    [ -n "$base" ] || base=$ms
    printf '%16s' "$(seconds "$ms")s $(ratio "$base" "$ms")x"
  done
  echo
done
echo "(seconds, best of $RUNS, and speed-up over -j 1)"
