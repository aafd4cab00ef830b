#!/bin/sh
# rbc-usage's usage report for one CloudStack account and a range of days
# (both included), from cloud_usage rows, with the acct tools:
#
#   report.sh ACCOUNT START END FILE...
#   report.sh 2 2024-03-01 2024-03-31 ../cloudstack/cloud_usage.csv
#
# Each figure is one roll-up of the account's records over the whole range
# (acct-slice --every total), printed by acct-fmt --json:
#   vm_hours              vm_running_hours and vm_allocated_hours per offering
#                         (usage types 1 and 2)
#   network_bytes_sent    net_tx_bytes (type 4; like rbc-usage, type 5 is left out)
#   primary_byte_hours    size_bytes_hours of volumes (type 6)
#   secondary_byte_hours  size_bytes_hours of templates, ISOs and snapshots (7-9)
# START and END are days of the zone of TZ (UTC when unset): run it with
# TZ set to CloudStack's usage.aggregation.timezone, so that they are the
# usage server's days (TZ=Europe/Paris report.sh ...). The rows' own times
# are GMT whatever that zone, and acct-import reads them so: TZ does not
# move them, and the aggregation zone is never acct-import's --tz.
set -eu
if [ $# -lt 4 ]; then
    echo "usage: report.sh ACCOUNT START END FILE..." >&2
    exit 64
fi
account=$1 start=$2 end=$3
shift 3
records=$(mktemp)
trap 'rm -f "$records"' EXIT
acct-import --from cloudstack "$@" | acct-filter -a "$account" -s "$start" -e "$end" > "$records"

# figure NAME WHERE BY COLUMNS: one section of the report.
figure() {
    printf ',\n"%s":' "$1"
    acct-filter -x "$2" "$records" |
        acct-slice -s "$start" -e "$end" --every total --by "$3" |
        acct-fmt --json -o "$4"
}

printf '{"account":"%s","start":"%s","end":"%s"' "$account" "$start" "$end"
figure vm_hours 'usage_type <= 2' offering offering,vm_running_hours,vm_allocated_hours
figure network_bytes_sent 'usage_type = 4' account net_tx_bytes
figure primary_byte_hours 'usage_type = 6' account size_bytes_hours
figure secondary_byte_hours 'usage_type >= 7 and usage_type <= 9' account size_bytes_hours
printf '}\n'
