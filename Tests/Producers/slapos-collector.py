"""Runs slapos.core's own collector code on snapshots made up here, the way
`slapos node collect` runs it each minute: the entities save each run's
snapshots into the collector's SQLite database, RawCSVDumper writes a
folder of dump_TABLE.csv for a day gone by, compressLogFolder packs it into
DATE.tar.gz. Then the same database sums what acct-import and acct-slice
must find, with the sample-and-hold rule written in SQL.

Usage: slapos-collector.py WORKDIR
Writes WORKDIR/instance/var/data-log/DATE.tar.gz and WORKDIR/expected.json.
Needs slapos.core (see the Makefile's venv target); the partition folder
sizes are those `du` finds, so they come from the database, not from here.
"""

import datetime
import json
import os
import sys

from slapos.collect.db import Database
from slapos.collect.entity import Computer, User
from slapos.collect.reporter import RawCSVDumper, compressLogFolder

# acct-import's default --max-gap per table, in seconds.
MAX_GAP = {"user": 120, "system": 120, "disk": 120, "folder": 90000}

MIB = 1 << 20


class Snapshot:
    """What the entities read of a snapshot: get(name) and, for processes,
    update_cpu_percent(), which a real ProcessSnapshot asks psutil for."""

    def __init__(self, **values):
        self.values = values

    def get(self, name, default=None):
        return self.values.get(name, default)

    def update_cpu_percent(self):
        pass


class DiskPartition:
    def __init__(self, partition, used, free, mountpoints):
        self.partition = partition
        self.disk_size_used = used
        self.disk_size_free = free
        self.mountpoint_list = mountpoints


def runs():
    """The minutes the collector ran: cron at :00, gmtime at the start."""
    windows = [
        ("2024-03-30 23:00:00", "2024-03-31 02:30:00"),
        ("2024-03-31 23:00:00", "2024-03-31 23:05:00"),
        ("2024-04-01 23:00:00", "2024-04-01 23:05:00"),
    ]
    for first, last in windows:
        t = datetime.datetime.fromisoformat(first)
        end = datetime.datetime.fromisoformat(last)
        while t <= end:
            yield t
            t += datetime.timedelta(minutes=1)


def at(text):
    return datetime.datetime.fromisoformat(text)


# Processes: partition, pid, create time, first and last run, runs missed.
PROCESSES = [
    ("slapuser0", 1201, 1711839000.25, at("2024-03-30 23:00:00"), at("2024-03-31 02:30:00"), ()),
    # Lives three minutes.
    ("slapuser0", 1305, 1711840190.5, at("2024-03-30 23:10:00"), at("2024-03-30 23:12:00"), ()),
    # Restarted at 00:31: a new pid and create time, a new series.
    ("slapuser1", 2001, 1711839001.75, at("2024-03-30 23:00:00"), at("2024-03-31 00:30:00"), ()),
    ("slapuser1", 2002, 1711845060.0, at("2024-03-31 00:31:00"), at("2024-03-31 02:30:00"), ()),
    # Not seen for six minutes (longer than the user table's --max-gap).
    ("slapuser2", 3001, 1711839002.5, at("2024-03-30 23:00:00"), at("2024-03-31 01:00:00"),
     tuple(at("2024-03-30 23:%02d:00" % m) for m in range(40, 45))),
    ("slapuser0", 4001, 1711925990.0, at("2024-03-31 23:00:00"), at("2024-03-31 23:05:00"), ()),
    ("slapuser2", 5001, 1712012395.0, at("2024-04-01 23:00:00"), at("2024-04-01 23:05:00"), ()),
]

# Folder sizes are taken once the collector's time cycle (a day) has passed:
# at these runs, a day and a minute apart.
FOLDER_RUNS = {at("2024-03-30 23:00:00"), at("2024-03-31 23:01:00"), at("2024-04-01 23:02:00")}


def process_snapshot(index, process, t):
    partition, pid, created, first, _, _ = process
    n = int((t - first).total_seconds() // 60)
    # Quarters, so every sum and difference is exact in binary.
    return Snapshot(
        pid=pid,
        process="%d-%s" % (pid, repr(created)),
        cpu_percent=float((n * 7 + index * 13) % 400) / 4,
        cpu_time=100.0 * index + sum(0.25 * ((k * 3 + index) % 17) for k in range(n + 1)),
        cpu_num_threads=float(1 + (n + index) % 5),
        memory_percent=float((n + index) % 8) / 4,
        memory_rss=float((64 + (n * 5 + index) % 32) * MIB),
        io_rw_counter=float(4096 * n * (index + 1)),
        io_cycles_counter=float(3 * n + index),
    )


def system_snapshot(t):
    n = int((t - at("2024-03-30 23:00:00")).total_seconds() // 60)
    # The host rebooted at 01:00 on 31 March: its counters start again.
    since_boot = n if t < at("2024-03-31 01:00:00") else n - 120
    base = 5_000_000 if t < at("2024-03-31 01:00:00") else 0
    return Snapshot(
        load=float(n % 9) / 4,
        cpu_percent=float(n % 100),
        memory_used=float((2048 + n % 64) * MIB),
        memory_free=float((6144 - n % 64) * MIB),
        net_in_bytes=float(base + 1500 * since_boot),
        net_in_errors=float(since_boot // 30),
        net_in_dropped=0.0,
        net_out_bytes=float(base * 2 + 700 * since_boot),
        net_out_errors=0.0,
        net_out_dropped=float(since_boot // 60),
    )


def collect(instance, log_directory):
    database = Database(log_directory, create=True)
    partitions = {}
    for name in ("slapuser0", "slapuser1", "slapuser2"):
        path = os.path.join(instance, "srv", "slappart" + name[-1])
        os.makedirs(path, exist_ok=True)
        partitions[name] = path
    for t in runs():
        collected_date, collected_time = t.strftime("%Y-%m-%d"), t.strftime("%H:%M:%S")
        n = int((t - at("2024-03-30 23:00:00")).total_seconds() // 60)
        computer = Computer(Snapshot(
            cpu_num_core=8, cpu_frequency=0, cpu_type=0, memory_size=8 << 30, memory_type=0,
            partition_list=[("/dev/sda1", 100 << 30)],
            system_snapshot=system_snapshot(t),
            disk_snapshot_list=[DiskPartition("/dev/sda1", (40 << 30) + n * 4096, (60 << 30) - n * 4096, ["/", "/srv"])],
            temperature_snapshot_list=[],
            heating_contribution_snapshot=None))
        computer.save(database, collected_date, collected_time)
        folder_run = t in FOLDER_RUNS
        if folder_run:
            # The partitions grow between the daily measurements.
            for k, (name, path) in enumerate(sorted(partitions.items())):
                with open(os.path.join(path, "data-%s.bin" % collected_date), "wb") as data:
                    data.write(b"\x5a" * ((k + 2) * MIB))
        for name, path in sorted(partitions.items()):
            user = User(name, path, {"enable": folder_run, "time_cycle": 0})
            for index, process in enumerate(PROCESSES):
                partition, _, _, first, last, missed = process
                if partition == name and first <= t <= last and t not in missed:
                    user.append(process_snapshot(index, process, t))
            user.save(database, collected_date, collected_time)
    # Each later run dumps and packs the days gone by. RawCSVDumper dumps
    # one day a run (its loop over the days shares the database cursor
    # with the dump's own queries), so it takes a run per day.
    for _ in expected_dates(database):
        RawCSVDumper(database).dump(log_directory)
        compressLogFolder(log_directory)
    return database


def expected_dates(database):
    database.connect()
    dates = [d for (d,) in database._execute("SELECT DISTINCT date FROM system ORDER BY date")]
    database.close()
    return dates


# Each sample held until the next of its series, at most the table's gap;
# counters grow from a sample to the next (the new value after a reset),
# and not across a gap. `step` is the time to the next sample, and
# next_COLUMN the next sample's value.
def with_next(table, series, columns=()):
    nexts = "".join(", LEAD(%s) OVER w AS next_%s" % (c, c) for c in columns)
    return """
        SELECT *, LEAD(strftime('%%s', date || ' ' || time)) OVER w
                  - strftime('%%s', date || ' ' || time) AS step%s
        FROM %s WINDOW w AS (PARTITION BY %s ORDER BY date, time)
    """ % (nexts, table, series)


def seconds(table):
    gap = MAX_GAP[table]
    return "(CASE WHEN step IS NOT NULL AND step <= %d THEN step ELSE %d END)" % (gap, gap)


def growth(table, column, series):
    gap = MAX_GAP[table]
    return """(CASE WHEN step IS NOT NULL AND step <= %d THEN
                 (CASE WHEN next_%s >= %s THEN next_%s - %s ELSE next_%s END) ELSE 0 END)""" % (
        gap, column, column, column, column, column)


def expected(database):
    database.connect()
    sql = database._execute
    result = {}

    s = seconds("user")
    rows = sql("""
        SELECT partition, SUM(%s), SUM(%s), SUM(%s), SUM(memory_rss * %s) / 3600.0, SUM(cpu_percent * %s) / 3600.0
        FROM (%s) GROUP BY partition ORDER BY partition
    """ % (s, growth("user", "cpu_time", "process"), growth("user", "io_rw_counter", "process"), s, s,
           with_next("user", "process", ["cpu_time", "io_rw_counter"])))
    result["user"] = {p: {"seconds": a, "cpu_seconds": b, "io_bytes": c, "rss_bytes_hours": d, "cpu_percent_hours": e}
                      for p, a, b, c, d, e in rows}

    # By UTC day: no interval crosses a midnight but at its end.
    rows = sql("""
        SELECT date, partition, SUM(%s), SUM(%s)
        FROM (%s) GROUP BY date, partition ORDER BY date, partition
    """ % (s, growth("user", "cpu_time", "process"), with_next("user", "process", ["cpu_time"])))
    result["user_by_day"] = [{"day": d, "user": p, "seconds": a, "cpu_seconds": b} for d, p, a, b in rows]

    s = seconds("system")
    (row,) = list(sql("""
        SELECT SUM(%s), SUM(%s), SUM(%s), SUM(%s), SUM(memory_used * %s) / 3600.0
        FROM (%s)
    """ % (s, growth("system", "net_in_bytes", "1"), growth("system", "net_out_bytes", "1"),
           growth("system", "net_out_dropped", "1"), s,
           with_next("system", "1", ["net_in_bytes", "net_out_bytes", "net_out_dropped"]))))
    result["system"] = dict(zip(["seconds", "net_rx_bytes", "net_tx_bytes", "net_tx_dropped", "mem_used_bytes_hours"], row))
    # A counter lower than at the sample before: one note each.
    counters = ["net_in_bytes", "net_in_errors", "net_in_dropped", "net_out_bytes", "net_out_errors", "net_out_dropped"]
    result["system_resets"] = list(sql("""
        SELECT %s FROM (%s) WHERE step <= %d
    """ % (" + ".join("SUM(next_%s < %s)" % (c, c) for c in counters),
           with_next("system", "1", counters), MAX_GAP["system"])))[0][0]

    s = seconds("disk")
    rows = sql("""
        SELECT partition, mountpoint, SUM(%s), SUM(CAST(used AS INTEGER) * %s) / 3600.0
        FROM (%s) GROUP BY partition
    """ % (s, s, with_next("disk", "partition")))
    result["disk"] = {d: {"mountpoint": m, "seconds": a, "used_bytes_hours": b} for d, m, a, b in rows}

    s = seconds("folder")
    rows = sql("""
        SELECT partition, COUNT(*), SUM(%s), SUM(disk_used * 1024 * %s) / 3600.0
        FROM (%s) GROUP BY partition ORDER BY partition
    """ % (s, s, with_next("folder", "partition")))
    result["folder"] = {p: {"records": n, "seconds": a, "disk_bytes_hours": b} for p, n, a, b in rows}

    database.close()
    result["dates"] = expected_dates(database)
    return result


def main():
    work = sys.argv[1]
    instance = os.path.join(work, "instance")
    log_directory = os.path.join(instance, "var", "data-log")
    os.makedirs(log_directory)
    database = collect(instance, log_directory)
    with open(os.path.join(work, "expected.json"), "w") as out:
        json.dump(expected(database), out, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
