#!/usr/bin/env python3
"""make bench: capnp-cat against the peers a user would pick instead, timed
in one run on one generated tree (best of N, output to /dev/null and
through a pipe), with throughput, peak RSS and ratios.

Environment: BENCH_RUNS (default 3) for our tools, BENCH_PEER_RUNS
(default 1: jq and friends take minutes) for the peers, BENCH_HOURS
(default 168), BENCH_ONLY (a comma list of capnp-cat, acct-filter,
acct-slice, acct-fmt, acct-import, startup, pipeline, duckdb; default all).
BENCH_VENV (default .build/bench-venv) holds DuckDB's Python package, the
peer of the duckdb section (make bench installs it).
BENCH_MONTH_ACCOUNTS (default 213: a month of about 7.2 million VM-hours)
sizes the whole-pipeline corpus."""
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
BIN = os.path.join(TOP, ".build", "release")
DATA = os.path.join(TOP, "bench-data")
SCHEMA = os.path.join(TOP, "Sources", "CCapnp", "ovc.capnp")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PEER_RUNS = int(os.environ.get("BENCH_PEER_RUNS", "1"))
ONLY = set(filter(None, os.environ.get("BENCH_ONLY", "capnp-cat,acct-filter,acct-slice,acct-fmt,acct-import,startup,pipeline,duckdb").split(",")))
VENV = os.environ.get("BENCH_VENV", os.path.join(TOP, ".build", "bench-venv"))
MONTH_ACCOUNTS = int(os.environ.get("BENCH_MONTH_ACCOUNTS", "213"))
IMPORT_RECORDS = int(os.environ.get("BENCH_IMPORT_RECORDS", "1000000"))
HOURS = int(os.environ.get("BENCH_HOURS", "168"))
GEN_ARGS = ["--seed", "1", "--accounts", "50", "--cloudspaces", "20", "--vms", "25",
            "--hours", str(HOURS)]


def corpus():
    tree = os.path.join(DATA, "ovc-%dh" % HOURS)
    stamp = os.path.join(tree, ".made-with")
    want = " ".join(GEN_ARGS)
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        shutil.rmtree(tree, ignore_errors=True)
        print("making the corpus (once): ovc-gen --out %s %s" % (tree, want), flush=True)
        subprocess.run([os.path.join(BIN, "ovc-gen"), "--out", tree] + GEN_ARGS, check=True)
        with open(stamp, "w") as f:
            f.write(want)
    files = []
    for folder, dirs, names in os.walk(tree):
        if "account_capnp.bin" in names:
            files.append(os.path.join(folder, "account_capnp.bin"))
    files.sort()
    with open(os.path.join(DATA, "files-%dh.txt" % HOURS), "w") as f:
        f.write("\n".join(files) + "\n")
    return tree, files


def run(command, runs):
    """Best wall time of `runs` runs of a shell command, and its peak RSS in
    MB: the largest process of the pipeline, as GNU time reports it (a child
    forked from this Python process would start with Python's own pages)."""
    best, rss = None, 0.0
    report = os.path.join(DATA, ".rss")
    for _ in range(runs):
        start = time.perf_counter()
        status = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", report,
                                  "bash", "-o", "pipefail", "-c", command])
        elapsed = time.perf_counter() - start
        if status != 0:
            sys.exit("bench: command failed (%d): %s" % (status, command))
        best = elapsed if best is None else min(best, elapsed)
        with open(report) as f:
            rss = max(rss, int(f.read().split()[-1]) / 1024)
    return best, rss


def main():
    os.makedirs(DATA, exist_ok=True)
    if "startup" in ONLY:
        bench_startup()
    if "acct-import" in ONLY:
        bench_import()
    if "pipeline" in ONLY:
        bench_pipeline()
    if not ONLY & {"capnp-cat", "acct-filter", "acct-slice", "acct-fmt", "duckdb"}:
        return
    tree, files = corpus()
    size = sum(os.path.getsize(f) for f in files)
    cat = os.path.join(BIN, "capnp-cat")
    records = int(subprocess.run("%s %s | wc -l" % (cat, tree), shell=True, check=True,
                                 capture_output=True, text=True).stdout)
    listing = os.path.join(DATA, "files-%dh.txt" % HOURS)
    print("corpus: %s: %d files, %.1f MB, %d VM records (%d hours)" % (
        tree, len(files), size / 1e6, records, HOURS))

    if "capnp-cat" in ONLY:
        bench_capnp_cat(cat, tree, files, size, records, listing)
    stream = stream_of_records(cat)
    if "acct-filter" in ONLY:
        bench_filter(stream)
    if "acct-slice" in ONLY:
        bench_slice(stream)
    if "acct-fmt" in ONLY:
        bench_fmt(stream)
    if "duckdb" in ONLY:
        bench_duckdb(stream)


def bench_capnp_cat(cat, tree, files, size, records, listing):
    rows = []
    def measure(name, command, runs=RUNS):
        print("timing %s ..." % name, flush=True)
        seconds, rss = run(command, runs)
        rows.append((name, seconds, rss))
        return seconds

    print()
    print("== capnp-cat: decoding the tree ==")
    ours = measure("capnp-cat > /dev/null", "%s %s > /dev/null" % (cat, tree))
    ours_pipe = measure("capnp-cat | cat", "%s %s | cat > /dev/null" % (cat, tree))
    raw = measure("capnp-cat --raw > /dev/null", "%s --raw %s > /dev/null" % (cat, tree))
    peers = {}
    if shutil.which("capnp"):
        peers["capnp convert"] = measure(
            "cat FILES | capnp convert binary:json",
            "xargs cat < %s | capnp convert binary:json %s Account > /dev/null" % (listing, SCHEMA),
            PEER_RUNS)
    else:
        print("skipped: capnp convert (capnp not installed; apt-get install capnproto)")
    try:
        import capnp  # noqa: F401
        peers["pycapnp"] = measure(
            "pycapnp + json.dumps",
            "python3 %s %s %s > /dev/null" % (os.path.join(HERE, "pycapnp_cat.py"), SCHEMA, tree),
            PEER_RUNS)
    except ImportError:
        print("skipped: pycapnp (not installed; pip install pycapnp)")

    table(rows, size, records)
    print("%-40s %9.0f files/s" % ("capnp-cat files/s", len(files) / ours))
    for peer, seconds in peers.items():
        print("capnp-cat vs %-20s %6.1fx (through a pipe %.1fx, --raw %.1fx)" % (
            peer, seconds / ours, seconds / ours_pipe, seconds / raw))


def table(rows, size, records):
    print()
    print("%-40s %9s %9s %12s %8s" % ("command", "seconds", "MB/s", "records/s", "RSS MB"))
    for name, seconds, rss in rows:
        print("%-40s %9.3f %9.1f %12.0f %8.1f" % (name, seconds, size / 1e6 / seconds,
                                                   records / seconds, rss))
    print()


def stream_of_records(cat):
    """Over two million records: the tree's records, twice (made once)."""
    stream = os.path.join(DATA, "records-%dh.ndjson" % HOURS)
    if not os.path.exists(stream):
        subprocess.run("%s %s > %s.part && cat %s.part %s.part > %s && rm %s.part" % (
            cat, os.path.join(DATA, "ovc-%dh" % HOURS), stream, stream, stream, stream, stream),
            shell=True, check=True)
    return stream


def bench_filter(stream):
    """acct-filter against jq, gojq and mlr with the same predicates."""
    size = os.path.getsize(stream)
    records = int(subprocess.run(["wc", "-l", stream], check=True, capture_output=True,
                                 text=True).stdout.split()[0])
    print()
    print("== acct-filter: %s, %.1f MB, %d records ==" % (stream, size / 1e6, records))
    tool = os.path.join(BIN, "acct-filter")
    jobs = [
        ("flags", "-a 7 -s 2018-10-03",
         'select(.account == 7 and (.end == null or .end > "2018-10-03T00:00:00Z"))',
         '$account == 7 && $end > "2018-10-03T00:00:00Z"'),
        ("expression", "-x 'vcpus > 2 and status = \"RUNNING\"'",
         'select(.vcpus > 2 and .status == "RUNNING")',
         '$vcpus > 2 && $status == "RUNNING"'),
    ]
    for label, ours_args, jq_program, mlr_program in jobs:
        rows = []
        counts = {}
        def measure(name, command, runs):
            print("timing %s ..." % name, flush=True)
            seconds, rss = run(command + " > /dev/null", runs)
            counts[name] = int(subprocess.run(command + " | wc -l", shell=True, check=True,
                                              capture_output=True, text=True).stdout)
            rows.append((name, seconds, rss))
            return seconds
        ours = measure("acct-filter %s" % label, "%s %s %s" % (tool, ours_args, stream), RUNS)
        peers = {}
        for peer, command in [
                ("jq", "jq -c '%s' %s" % (jq_program, stream)),
                ("gojq", "gojq -c '%s' %s" % (jq_program, stream)),
                ("mlr", "mlr --ijsonl --ojsonl filter '%s' %s" % (mlr_program, stream))]:
            if shutil.which(peer):
                peers[peer] = measure("%s %s" % (peer, label), command, PEER_RUNS)
            else:
                print("skipped: %s (not installed)" % peer)
        table(rows, size, records)
        for name, count in counts.items():
            print("  %-30s %d matching records" % (name, count))
        for peer, seconds in peers.items():
            print("acct-filter %s vs %-6s %6.1fx" % (label, peer, seconds / ours))


# The same hourly split in jq: one row per clock hour the record overlaps.
JQ_HOURLY = ('(.start | fromdate) as $s | (.end | fromdate) as $e'
             ' | range(($s / 3600 | floor) * 3600; $e; 3600) as $h'
             ' | ([$h, $s] | max) as $a | ([$h + 3600, $e] | min) as $b'
             ' | . + {start: ($a | todate), end: ($b | todate), seconds: ($b - $a)}')
# A monthly roll-up by account in jq: records, seconds, vCPU-hours.
JQ_MONTHLY = ('reduce inputs as $r ({}; ($r.start[0:7] + "|" + ($r.account | tostring)) as $k'
              ' | .[$k].records += 1 | .[$k].seconds += 3600 | .[$k].vcpus_hours += $r.vcpus)')


def bench_slice(stream):
    """acct-slice hourly and monthly by account against jq programs doing the same."""
    size = os.path.getsize(stream)
    records = int(subprocess.run(["wc", "-l", stream], check=True, capture_output=True,
                                 text=True).stdout.split()[0])
    print()
    print("== acct-slice: %s, %.1f MB, %d records ==" % (stream, size / 1e6, records))
    tool = os.path.join(BIN, "acct-slice")
    for label, ours_args, jq_args in [
            ("hourly", "", "-c '%s'" % JQ_HOURLY),
            ("--every month --by account", "--every month --by account", "-n -c '%s'" % JQ_MONTHLY)]:
        rows = []
        print("timing acct-slice %s ..." % label, flush=True)
        ours, rss = run("%s %s %s > /dev/null" % (tool, ours_args, stream), RUNS)
        rows.append(("acct-slice %s" % label, ours, rss))
        if shutil.which("jq"):
            print("timing jq %s ..." % label, flush=True)
            theirs, rss = run("jq %s %s > /dev/null" % (jq_args, stream), PEER_RUNS)
            rows.append(("jq %s" % label, theirs, rss))
        table(rows, size, records)
        if len(rows) > 1:
            print("acct-slice %s vs jq %6.1fx" % (label, rows[1][1] / ours))



def measure_all(commands):
    """Times each (name, command, runs, needed program) in turn; a peer
    whose program is not installed is skipped with a message."""
    rows = []
    for name, command, runs, needs in commands:
        if needs and not shutil.which(needs):
            print("skipped: %s (%s not installed)" % (name, needs))
            continue
        print("timing %s ..." % name, flush=True)
        seconds, rss = run(command, runs)
        rows.append((name, seconds, rss))
    return rows


def bench_fmt(stream):
    """acct-fmt --csv and the table against mlr --ijson --ocsv cat."""
    size = os.path.getsize(stream)
    records = int(subprocess.run(["wc", "-l", stream], check=True, capture_output=True,
                                 text=True).stdout.split()[0])
    print()
    print("== acct-fmt: %s, %.1f MB, %d records ==" % (stream, size / 1e6, records))
    tool = os.path.join(BIN, "acct-fmt")
    rows = measure_all([
        ("acct-fmt --csv", "%s --csv %s > /dev/null" % (tool, stream), RUNS, None),
        ("acct-fmt (table)", "%s %s > /dev/null" % (tool, stream), RUNS, None),
        ("mlr --ijson --ocsv cat", "mlr --ijson --ocsv cat %s > /dev/null" % stream, PEER_RUNS, "mlr")])
    table(rows, size, records)
    if len(rows) == 3:
        print("acct-fmt --csv vs mlr %6.1fx" % (rows[2][1] / rows[0][1]))


def usable_cores():
    """The cores this process may use, as the tools' -j default counts them."""
    return len(os.sched_getaffinity(0))


def bench_duckdb(stream):
    """DuckDB against the tools on the same records and the same work: the
    roll-up by month and account (every gauge-hour, counter sum and
    maximum), the filter by account and time written as JSON, every record
    to CSV; DuckDB at 1 thread and at all cores, ours at -j 1 and at all
    cores. DuckDB's time is its query's alone (bench/duckdb_peer.py)."""
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        print("skipped: duckdb (no %s; make bench installs it)" % python)
        return
    size = os.path.getsize(stream)
    records = int(subprocess.run(["wc", "-l", stream], check=True, capture_output=True,
                                 text=True).stdout.split()[0])
    cores = usable_cores()
    print()
    print("== DuckDB: %s, %.1f MB, %d records, %d cores ==" % (stream, size / 1e6, records, cores))
    work = [
        ("roll-up", "rollup", "%s --every month --by account %%s > /dev/null" % os.path.join(BIN, "acct-slice")),
        ("filter", "filter", "%s -a 7 -s 2018-10-03 %%s > /dev/null" % os.path.join(BIN, "acct-filter")),
        ("csv", "csv", "%s --csv %%s > /dev/null" % os.path.join(BIN, "acct-fmt")),
    ]
    rows = []
    figures = {}
    for label, kind, ours in work:
        for jobs in sorted({1, cores}):
            name = "ours %s -j %d" % (label, jobs)
            print("timing %s ..." % name, flush=True)
            seconds, rss, cpu = run_cpu(ours % ("-j %d %s" % (jobs, stream)), RUNS)
            rows.append((name, seconds, rss, cpu))
            figures[("ours", label, jobs)] = seconds
            name = "duckdb %s threads=%d" % (label, jobs)
            print("timing %s ..." % name, flush=True)
            best = None
            for _ in range(PEER_RUNS):
                out = subprocess.run([python, os.path.join(HERE, "duckdb_peer.py"), kind, stream, str(jobs)],
                                     check=True, capture_output=True, text=True).stdout
                best = float(out) if best is None else min(best, float(out))
            rows.append((name, best, float("nan"), float("nan")))
            figures[("duckdb", label, jobs)] = best
    print()
    print("%-40s %9s %9s %12s %8s %9s" % ("command", "seconds", "MB/s", "records/s", "RSS MB", "CPU s"))
    for name, seconds, rss, cpu in rows:
        print("%-40s %9.3f %9.1f %12.0f %8.1f %9.2f" % (name, seconds, size / 1e6 / seconds, records / seconds, rss, cpu))
    print()
    targets = {"roll-up": 1.5, "filter": 3.0, "csv": 2.0}
    for label, _, _ in work:
        for jobs in sorted({1, cores}):
            ratio = figures[("duckdb", label, jobs)] / figures[("ours", label, jobs)]
            goal = " (target %.1fx)" % targets[label] if jobs == cores else ""
            print("%-8s at %2d thread(s): ours %.2fx DuckDB's speed%s" % (label, jobs, ratio, goal))
        if cores > 1:
            print("%-8s ours -j %d vs -j 1: %.2fx" % (label, cores, figures[("ours", label, 1)] / figures[("ours", label, cores)]))


def run_cpu(command, runs):
    """`run`, with the user+sys CPU seconds of the best run's children:
    on a shared machine the wall time alone hides what others took."""
    best = None
    for _ in range(runs):
        before = os.times()
        seconds, rss = run(command, 1)
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        if best is None or seconds < best[0]:
            best = (seconds, rss, cpu)
    return best


def bench_import():
    """acct-import --from opennebula on a generated HISTORY_RECORDS document
    against ElementTree's iterparse, with xmllint --stream's bare parse as
    the floor libxml2 sets."""
    document = os.path.join(DATA, "one-%d.xml" % IMPORT_RECORDS)
    if not os.path.exists(document):
        print("making the document (once): bench/one_gen.py %d > %s" % (IMPORT_RECORDS, document), flush=True)
        with open(document + ".part", "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "one_gen.py"), str(IMPORT_RECORDS)], stdout=f, check=True)
        os.rename(document + ".part", document)
    size = os.path.getsize(document)
    print()
    print("== acct-import --from opennebula: %s, %.1f MB, %d records ==" % (document, size / 1e6, IMPORT_RECORDS))
    tool = os.path.join(BIN, "acct-import")
    rows = measure_all([
        ("acct-import --from opennebula", "%s --from opennebula %s > /dev/null" % (tool, document), RUNS, None),
        ("acct-import | cat", "%s --from opennebula %s | cat > /dev/null" % (tool, document), RUNS, None),
        ("xmllint --stream --noout (parse only)", "xmllint --stream --noout %s" % document, PEER_RUNS, "xmllint"),
        ("python3 ElementTree iterparse + json", "python3 %s %s > /dev/null" % (
            os.path.join(HERE, "py_one_import.py"), document), PEER_RUNS, None)])
    table(rows, size, IMPORT_RECORDS)
    for name, seconds, _ in rows[2:]:
        print("acct-import vs %-38s %6.2fx" % (name, seconds / rows[0][1]))


def bench_startup():
    """`TOOL --version` against `jq --version`: the cost of starting, which a
    shell loop over many small files pays each time. hyperfine when it is
    installed, else a loop of 300 runs in one shell."""
    print()
    print("== startup: --version ==")
    tools = ["capnp-cat", "acct-filter", "acct-slice", "acct-fmt", "acct-import"]
    commands = [("jq", "jq --version")] + [(t, "%s --version" % os.path.join(BIN, t)) for t in tools]
    times = {}
    for name, command in commands:
        if name == "jq" and not shutil.which("jq"):
            print("skipped: jq (not installed)")
            continue
        if shutil.which("hyperfine"):
            export = os.path.join(DATA, ".hyperfine.json")
            subprocess.run(["hyperfine", "-N", "--warmup", "20", "-r", "300", "--export-json", export, command],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            import json
            with open(export) as f:
                times[name] = json.load(f)["results"][0]["mean"]
        else:
            start = time.perf_counter()
            subprocess.run("for i in $(seq 300); do %s; done > /dev/null" % command, shell=True, check=True)
            times[name] = (time.perf_counter() - start) / 300
    print("%-14s %10s %10s" % ("command", "ms", "x jq"))
    for name, seconds in times.items():
        ratio = seconds / times["jq"] if "jq" in times else float("nan")
        print("%-14s %10.2f %10.2f" % (name, seconds * 1000, ratio))


def bench_pipeline():
    """The whole job on a month: capnp-cat | acct-filter | acct-slice
    --every month --by account | acct-fmt --csv, on a generated tree of
    about 7.2 million VM-hours (made once)."""
    args = ["--seed", "3", "--accounts", str(MONTH_ACCOUNTS), "--cloudspaces", "10", "--vms", "19", "--hours", "720"]
    tree = os.path.join(DATA, "ovc-month")
    stamp = os.path.join(tree, ".made-with")
    want = " ".join(args)
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        shutil.rmtree(tree, ignore_errors=True)
        print("making the month (once): ovc-gen --out %s %s" % (tree, want), flush=True)
        subprocess.run([os.path.join(BIN, "ovc-gen"), "--out", tree] + args, check=True, stdout=subprocess.DEVNULL)
        with open(stamp, "w") as f:
            f.write(want)
    b = lambda tool: os.path.join(BIN, tool)
    records = int(subprocess.run("%s %s | wc -l" % (b("capnp-cat"), tree), shell=True, check=True,
                                 capture_output=True, text=True).stdout)
    size = int(subprocess.run(["du", "-sb", tree], check=True, capture_output=True, text=True).stdout.split()[0])
    print()
    print("== whole pipeline: %s, %.1f MB, %d VM-hours ==" % (tree, size / 1e6, records))
    command = "%s %s | %s -s 2018-10-01 | %s --every month --by account | %s --csv > /dev/null" % (
        b("capnp-cat"), tree, b("acct-filter"), b("acct-slice"), b("acct-fmt"))
    rows = measure_all([("capnp-cat | acct-filter | acct-slice | acct-fmt", command, RUNS, None)])
    table(rows, size, records)
    print("target: under 6 s wall")


if __name__ == "__main__":
    main()
