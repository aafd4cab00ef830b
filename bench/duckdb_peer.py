#!/usr/bin/env python3
"""DuckDB doing what the tools do, on the same NDJSON records, for make
bench: duckdb_peer.py KIND STREAM THREADS prints the seconds the query took
(DuckDB's import and Python's start are left out, in DuckDB's favour).

KIND: rollup (by month and account: records, seconds, every gauge-hour,
the counter sum and the maxima, as acct-slice --every month --by account
writes them), filter (account 7 still running at or after 2018-10-03,
written as JSON lines, as acct-filter -a 7 -s 2018-10-03), csv (every
record to CSV, as acct-fmt --csv)."""
import sys
import time

import duckdb

GAUGES = ["vcpus", "mem_mb", "disks", "disk_gb", "iops_read", "iops_write", "nics", "net_tx", "net_rx"]
COUNTERS = ["cpu_minutes"]
MAXIMA = ["iops_read_max", "iops_write_max"]


def query(kind, stream):
    source = "read_json('%s', format = 'newline_delimited')" % stream
    if kind == "rollup":
        seconds = "(epoch(\"end\") - epoch(\"start\"))"
        columns = ["date_trunc('month', \"start\") AS start", "account", "count(*) AS records",
                   "sum(%s) AS seconds" % seconds]
        columns += ["sum(%s * %s) / 3600 AS %s_hours" % (g, seconds, g) for g in GAUGES]
        columns += ["sum(%s) AS %s" % (c, c) for c in COUNTERS]
        columns += ["max(%s) AS %s" % (m, m) for m in MAXIMA]
        return ("COPY (SELECT %s FROM %s GROUP BY ALL ORDER BY ALL) TO '/dev/null' (FORMAT CSV, HEADER)"
                % (", ".join(columns), source))
    if kind == "filter":
        return ("COPY (SELECT * FROM %s WHERE account = 7 AND (\"end\" IS NULL OR \"end\" > TIMESTAMPTZ '2018-10-03 00:00:00+00'))"
                " TO '/dev/null' (FORMAT JSON)" % source)
    if kind == "csv":
        return "COPY (SELECT * FROM %s) TO '/dev/null' (FORMAT CSV, HEADER)" % source
    sys.exit("duckdb_peer.py: unknown kind '%s'" % kind)


def main():
    kind, stream, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    connection = duckdb.connect()
    connection.execute("SET threads = %d" % threads)
    # DuckDB's timestamps in UTC, as the records' times are.
    connection.execute("SET TimeZone = 'UTC'")
    start = time.perf_counter()
    connection.execute(query(kind, stream))
    print("%.6f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
