#!/bin/sh
# GB-months of primary storage (volumes) for one account and a range of
# days, rbc-usage's way: byte-hours / 2^30 / 720, a month taken as 720 h.
#
#   gb-month.sh ACCOUNT START END FILE...
#
# START and END are days of the zone of TZ: CloudStack's
# usage.aggregation.timezone, as for report.sh.
set -eu
account=$1 start=$2 end=$3
shift 3
acct-import --from cloudstack "$@" |
    acct-filter -a "$account" -s "$start" -e "$end" -x 'usage_type = 6' |
    acct-slice -s "$start" -e "$end" --every total --by account |
    acct-fmt --csv -o size_bytes_hours |
    awk -F, 'NR == 2 { printf "%.4f GB-months\n", $1 / 2^30 / 720 }'
