#!/usr/bin/env bash
# make soak: every tool under `ulimit -v` (SOAK_VMEM_KB, default 262144 =
# 256 MB) on a stream of SOAK_RECORDS (default 10 million) records, with
# its peak RSS (GNU time's %M). Fails when a tool fails or its output is
# not what the input says it must be.
#
# The stream, bench-data/soak.ndjson (about 3.5 GB, git-ignored), is made
# once by capnp-cat from an ovc-gen tree (the one make bench uses,
# bench-data/ovc-month, made if missing) read twice over, cut at
# SOAK_RECORDS; capnp-cat's own run is that cut. acct-import reads
# OpenNebula XML from bench/one_gen.py through a pipe (SOAK_IMPORT_RECORDS,
# default 1 million: the generator, not the tool, is the slow part).
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release}
data=bench-data
records=${SOAK_RECORDS:-10000000}
import_records=${SOAK_IMPORT_RECORDS:-1000000}
vmem=${SOAK_VMEM_KB:-262144}
stream=$data/soak.ndjson
tree=$data/ovc-month
gen_args="--seed 3 --accounts 213 --cloudspaces 10 --vms 19 --hours 720"
gnutime=/usr/bin/time
[ -x "$gnutime" ] || { echo "soak: GNU time is missing (make deps installs it)" >&2; exit 2; }
mkdir -p "$data"

if ! [ -f "$tree/.made-with" ] || [ "$(cat "$tree/.made-with")" != "$gen_args" ]; then
    echo "making $tree (once): ovc-gen --out $tree $gen_args"
    rm -rf "$tree"
    "$bin/ovc-gen" --out "$tree" $gen_args > /dev/null || exit 2
    printf '%s' "$gen_args" > "$tree/.made-with"
fi

failed=0
rows=()
# measure NAME EXPECTED-LINES COMMAND...: runs COMMAND alone under the
# limit and GNU time (so the RSS is the tool's own), reading $feed's output
# when $feed is set, its output cut by `head -n $cut` when $cut is set, and
# written to $out.
feed=
cut=
measure() {
    local name=$1 want=$2
    shift 2
    local log=$data/soak-time.txt err=$data/soak-stderr.txt
    local -a statuses
    if [ -n "$feed" ]; then
        bash -c "$feed" | ( ulimit -v "$vmem" && exec "$gnutime" -f '%M %e' -o "$log" "$@" ) 2> "$err" > "$out"
        statuses=("${PIPESTATUS[@]}")
    elif [ -n "$cut" ]; then
        ( ulimit -v "$vmem" && exec "$gnutime" -f '%M %e' -o "$log" "$@" ) 2> "$err" | head -n "$cut" > "$out"
        statuses=("${PIPESTATUS[@]}")
    else
        ( ulimit -v "$vmem" && exec "$gnutime" -f '%M %e' -o "$log" "$@" ) 2> "$err" > "$out"
        statuses=("${PIPESTATUS[@]}")
    fi
    local rss seconds lines
    read -r rss seconds < <(tail -n 1 "$log")
    lines=$(wc -l < "$out")
    local bad=0 status
    for status in "${statuses[@]}"; do [ "$status" = 0 ] || bad=1; done
    [ "$want" != "-" ] && [ "$lines" != "$want" ] && bad=1
    if [ $bad = 1 ]; then
        failed=1
        rows+=("$(printf '%-58s FAILED: status %s, %s lines out (want %s): %s' "$name" "${statuses[*]}" "$lines" "$want" "$(head -c 300 "$err")")")
    else
        rows+=("$(printf '%-58s %7.1f MB peak RSS %7.1f s %9s lines out' "$name" "$(echo "$rss / 1024" | bc -l)" "$seconds" "$lines")")
    fi
    echo "${rows[-1]}"
}

# capnp-cat writes the stream itself (kept for the next run).
if ! [ -f "$stream" ] || [ "$(wc -l < "$stream")" != "$records" ]; then
    out=$stream.part
    # head closes the pipe once it has enough: capnp-cat must end quietly (0).
    cut=$records
    measure "capnp-cat TREE TREE | head -n $records" - "$bin/capnp-cat" "$tree" "$tree"
    cut=
    [ "$(wc -l < "$out")" = "$records" ] || { echo "soak: the tree gave fewer than $records records" >&2; exit 2; }
    mv "$out" "$stream"
else
    out=/dev/null
    # The stream is there: time capnp-cat on the tree alone.
    measure "capnp-cat TREE > /dev/null" - "$bin/capnp-cat" "$tree"
fi

out=$data/soak.out
expr='type != "routeros" and vcpus >= 2'
measure "acct-filter -x EXPR" - "$bin/acct-filter" -x "$expr" "$stream"
kept=$(wc -l < "$out")
measure "acct-filter -v -x EXPR" $((records - kept)) "$bin/acct-filter" -v -x "$expr" "$stream"
measure "acct-filter -c -a 7 -s 2018-10-15" 1 "$bin/acct-filter" -c -a 7 -s 2018-10-15 "$stream"
measure "acct-slice --every day (no roll-up)" "$records" "$bin/acct-slice" --every day "$stream"
measure "acct-slice --every day --by account" - "$bin/acct-slice" --every day --by account "$stream"
measure "acct-slice --every total --by account,cloudspace" - "$bin/acct-slice" --every total --by account,cloudspace "$stream"
measure "acct-fmt --csv" $((records + 1)) "$bin/acct-fmt" --csv "$stream"
measure "acct-fmt (table)" - "$bin/acct-fmt" "$stream"
feed="python3 bench/one_gen.py $import_records"
measure "bench/one_gen.py $import_records | acct-import --from opennebula" - "$bin/acct-import" --from opennebula
feed=
rm -f "$data/soak.out" "$data/soak-time.txt" "$data/soak-stderr.txt"

echo
echo "soak: $records records ($(du -h "$stream" | cut -f1)) under ulimit -v $vmem KB:"
printf '%s\n' "${rows[@]}"
exit $failed
