#!/bin/bash
# GB-months of primary storage (volumes) for one account and a range of
# days (both included), rbc-usage's way: byte-hours / 2^30 / 720, a month
# taken as 720 h.
#
#   gb-month.sh ACCOUNT START END FILE...
#
# START and END are days of the zone of TZ: CloudStack's
# usage.aggregation.timezone, as for report.sh.
#
# Exit status: 0 with the figure; 1 when the account has no volume usage
# in the range, or when a tool reported bad input (its message says which);
# 64 on wrong arguments.
set -eu -o pipefail
if [ $# -lt 4 ]; then
    echo "usage: gb-month.sh ACCOUNT START END FILE..." >&2
    exit 64
fi
account=$1 start=$2 end=$3
shift 3
byte_hours=$(acct-import --from cloudstack "$@" |
    acct-filter -a "$account" -s "$start" -e "$end" -x 'usage_type = 6' |
    acct-slice -s "$start" -e "$end" --every total --by account |
    acct-fmt --csv --no-header -o size_bytes_hours)
if [ -z "$byte_hours" ]; then
    echo "gb-month.sh: account $account has no volume usage from $start to $end" >&2
    exit 1
fi
awk -v byte_hours="$byte_hours" 'BEGIN { printf "%.4f GB-months\n", byte_hours / 2^30 / 720 }'
