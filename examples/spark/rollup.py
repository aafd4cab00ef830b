#!/usr/bin/env python3
"""Roll up usage records on Spark with the acct tools.

usage: rollup.py [--master URL] --every GRID --by KEYS [--filter EXPR]
                 [--tz ZONE] [--partitions N] [--out DIR] PATH...

Each PATH is an OpenVCloud billing tree (a folder holding
ACCOUNT/YEAR/MONTH/DAY/HOUR/account_capnp.bin files, or any folder inside
one) or a file of line-delimited JSON records.  A plain path is listed here
and read in place by the executors, so on a cluster it must be on a file
system that every node mounts; a URL (hdfs://, s3a://, file://, ...) is read
through Spark's file systems, which copy each capnp file to the task.

  map      The capnp files under each folder are listed and dealt out in
           --partitions tasks; each task decodes its files with capnp-cat,
           selects with acct-filter -x EXPR and rolls up with
           acct-slice --every GRID --by KEYS --keyed.  A file of records is
           cut into as many pieces at line ends, which go through the last
           two.
  shuffle  The keyed partial rows are sorted by key (slice, then group
           values, in acct-slice's order), so all the rows of a group meet
           in one partition and the partitions follow one another in order.
  reduce   One acct-slice --every GRID --by KEYS per partition merges each
           group's rows.

The rows go to standard output, or with --out DIR to part files in DIR, in
the order one acct-slice --by writes them.  Integer totals equal those of
one process; a float total may differ by one rounding per merge level (see
acct-slice(1)).

Run it with python3 (pyspark installed), or with spark-submit, whose
--master, --archives and --conf then apply.  The tools run from the PATH of
the executors (with --master local[N], this machine's): install them on
every node, or ship them, e.g. `spark-submit --archives
acct-tools.tar.gz#acct --conf spark.executorEnv.PATH=./acct/bin:/usr/bin:/bin
rollup.py ...` with the release binaries in the archive's bin/.

The tools' messages go to standard error, here in local mode, to the
executors' logs on a cluster; a bad line of a file of records is named by
its file and line.  A name that no record has (in --by, or in EXPR) is said
once, when the whole input bears it out: each task sees only its part.

Exit status: 0 done; 1 a tool reported bad input (and the rest was
processed), or a --by key is in no record; 2 Spark did not start (no
pyspark, no Java) or the job failed (a tool missing or failing, for
instance); 64 usage error, the tools' included, before Spark starts.

Example:
  python3 rollup.py --every day --by account,cloudspace \\
      --filter 'type != "routeros"' /var/ovc/billing
"""

import argparse
import bisect
import functools
import os
import random
import re
import subprocess
import sys
import threading

CAPNP_FILE = "account_capnp.bin"
# A task's capnp files are laid out again under this name inside its scratch
# folder, as ACCOUNT/YEAR/MONTH/DAY/HOUR/account_capnp.bin: capnp-cat dates a
# file by those folders.  Not all digits, so capnp-cat's walk starts the
# layout below it.
SCRATCH_TREE = "tree"
LOG_SETTINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log4j2.properties")


class Usage(Exception):
    """A usage error: reported before any output, with status 64."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Usage(message)


def parse_arguments(argv):
    parser = Parser(
        prog="rollup.py",
        description="Roll up OpenVCloud trees or NDJSON records on Spark with "
        "capnp-cat, acct-filter and acct-slice.",
    )
    parser.add_argument(
        "--master",
        metavar="URL",
        help="Spark master URL (default: spark-submit's --master when run by spark-submit, else local[*])",
    )
    parser.add_argument("--every", required=True, metavar="GRID", help="acct-slice's --every")
    parser.add_argument("--by", required=True, metavar="KEYS", help="acct-slice's --by, a comma list")
    parser.add_argument("--filter", metavar="EXPR", help="acct-filter's -x expression")
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="zone of the grid's days and months and of times in EXPR "
        "(default: TZ here, else UTC; the executors' TZ is not used)",
    )
    parser.add_argument(
        "--partitions", type=int, metavar="N", help="map tasks for each PATH (default: one for each core Spark has)"
    )
    parser.add_argument("--out", metavar="DIR", help="write part files into DIR instead of standard output")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="tree folder or NDJSON file")
    args = parser.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        raise Usage("--partitions: must be at least 1")
    if args.out and not is_url(args.out) and os.path.exists(args.out):
        raise Usage(f"--out: '{args.out}' already exists")
    for path in args.paths:
        if not is_url(path) and not os.path.exists(path):
            raise Usage(f"{path}: no such file or directory")
    return args


def is_url(path):
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) is not None


def day_folders(root):
    """The folders under a local tree to deal out to the tasks: those two
    above each capnp file (the days, in the layout), none inside another, so
    that capnp-cat reads every file under `root` once.  Day folders, not
    files: a task then gets tens of arguments, not thousands (capnp-cat's
    argument parsing takes longer than the decoding of that many files)."""
    days = set()
    for parent, folders, files in os.walk(root):
        if CAPNP_FILE in files:
            day = os.path.dirname(parent)
            days.add(day if day.startswith(root + os.sep) else root)
    chosen = []
    for day in sorted(days, key=lambda path: path.split(os.sep)):
        if not chosen or not day.startswith(chosen[-1] + os.sep):
            chosen.append(day)
    return chosen


# ---------------------------------------------------------------------------
# The tools, run in the executors.


class ToolsFailed(RuntimeError):
    pass


# The status with which a command says that it reported bad input and went
# on: 1 for the tools; xargs exits 123 when a command it ran exited with 1 to
# 125, and capnp-cat's other statuses (2, output failed; 64, usage) cannot
# come here without the next tool's or the task's own failure.
BAD_INPUT = {"xargs": 123}

# A tool's message that a name on its command line is no key of its input.
# A task sees only its part of the input, where the message may not hold for
# the whole: it is held back and said once at the end if the whole input
# bears it out (see `held_messages`).
NO_KEY = re.compile(r"^(acct-filter|acct-slice): (-x|--by): '.*' names no key in the input")


class Outcome:
    """What one run of the tools came to, besides its rows."""

    def __init__(self):
        self.bad = False  # some tool reported bad input
        self.held = {}  # NO_KEY's match -> the whole message
        self.rows = 0


def run_tools(commands, source=None, rename=None):
    """Runs `commands` as one pipeline, like a shell's `a | b | c`, and yields
    the last one's output lines; `source`, when given, is an iterable of
    bytes written to the first one's standard input, and `rename` rewrites
    its messages (to name what it reads).  This is RDD.pipe made
    to tell the tools' statuses apart: pipe runs one command, gives it an
    empty environment unless told otherwise, and can only fail the task on
    any status but 0, where a tool's 1 means bad input reported and the rest
    processed.  The commands inherit the executor's environment.  Returns
    an Outcome; a failure other than bad input raises, which fails the
    task."""
    outcome = Outcome()
    processes, relays, spoke = [], [], set()
    previous = subprocess.PIPE if source is not None else subprocess.DEVNULL
    for command in commands:
        try:
            process = subprocess.Popen(command, stdin=previous, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise ToolsFailed(f"rollup.py: {command[0]}: not found on the executor's PATH") from None
        if processes:
            processes[-1].stdout.close()
        # Only the first command reads the input that `rename` names.
        renamed = rename if not processes else None
        relay = threading.Thread(
            target=relay_messages, args=(process.stderr, renamed, outcome.held, spoke, command[0]), daemon=True
        )
        relay.start()
        relays.append(relay)
        processes.append(process)
        previous = process.stdout
    if source is not None:
        threading.Thread(target=feed, args=(source, processes[0].stdin), daemon=True).start()
    with processes[-1].stdout as rows:
        for line in rows:
            outcome.rows += 1
            yield line.decode("utf-8").rstrip("\n")
    for relay in relays:
        relay.join()
    failed = []
    for command, process in zip(commands, processes):
        name, status = command[0], process.wait()
        if status == BAD_INPUT.get(name, 1):
            # A status 1 that only held messages explain is no bad input.
            held_only = name not in spoke and any(key.startswith(name + ":") for key in outcome.held)
            outcome.bad = outcome.bad or not held_only
        elif status != 0:
            failed.append(f"{name} exited with status {status}")
    if failed:
        raise ToolsFailed("rollup.py: " + ", ".join(failed))
    return outcome


def feed(source, pipe):
    try:
        for data in source:
            pipe.write(data)
    except BrokenPipeError:
        # The tool stopped reading; its status says why.
        pass
    finally:
        try:
            pipe.close()
        except BrokenPipeError:
            pass


def relay_messages(pipe, rename, held, spoke, name):
    with pipe:
        for line in pipe:
            relay_message(line, rename, held, spoke, name)
    sys.stderr.flush()


def relay_message(line, rename, held, spoke, name):
    text = line.decode("utf-8", "replace")
    if rename:
        text = rename(text)
    match = NO_KEY.match(text)
    if match:
        held.setdefault(match.group(0), text.rstrip("\n"))
    else:
        spoke.add(name)
        sys.stderr.write(text)


def lines_of(records):
    return (record.encode("utf-8") + b"\n" for record in records)


class Tally:
    """Sums dictionaries of counts: what the tasks tell the driver about the
    tools' outcomes (see `tallied`).  A pyspark AccumulatorParam."""

    def zero(self, value):
        return {}

    def addInPlace(self, sums, more):
        for key, (count, text) in more.items():
            sums[key] = (sums.get(key, (0, text))[0] + count, text)
        return sums


def tallied(rows, tally, stage):
    """Yields the rows of `run_tools` and adds its outcome to `tally`."""
    outcome = yield from rows
    counts = {("bad",): (int(outcome.bad), "")}
    if stage == "map":
        counts[("tasks",)] = (1, "")
        counts[("tasks with rows",)] = (int(outcome.rows > 0), "")
        for key, text in outcome.held.items():
            counts[("held", key)] = (1, text)
            counts[("held with rows", key)] = (int(outcome.rows > 0), text)
    tally.add(counts)


def held_messages(tally):
    """The held messages that hold for the whole input, each with whether it
    is an error, errors last.  acct-slice names a --by key, an error, only
    after reading records of which none has it, so the key is in no record
    when every map task that made rows said so.  acct-filter's note on a -x
    name is said once when every map task said it: a task whose filter let
    no record through may have seen the name, or no record at all."""
    notes, errors = [], []
    for key in sorted(k for k in tally if k[0] == "held"):
        count, text = tally[key]
        if key[1].startswith("acct-slice:"):
            with_rows = tally.get(("held with rows", key[1]), (0, ""))[0]
            if with_rows and with_rows == tally[("tasks with rows",)][0]:
                errors.append((text, True))
        elif count == tally[("tasks",)][0]:
            notes.append((text, False))
    return notes + errors


def read_folders(paths, commands, tally):
    """Map side of a local tree: capnp-cat reads the task's folders in place,
    as many to a run as the command line takes."""
    xargs = ["xargs", "-r", "-d", "\n", "capnp-cat", "--"]
    return tallied(run_tools([xargs] + commands, source=lines_of(paths)), tally, "map")


def decode_files(files, commands, tally):
    """Map side of a tree behind a URL: lays the task's capnp files out
    under a scratch folder and runs capnp-cat over it, then the other
    commands."""
    import tempfile

    from pyspark import SparkFiles

    with tempfile.TemporaryDirectory(prefix="rollup-", dir=SparkFiles.getRootDirectory()) as scratch:
        origin = {}
        roots = [os.path.join(scratch, SCRATCH_TREE)]
        for url, data in files:
            parts = url.split("/")
            if parts[-1] != CAPNP_FILE or len(parts) < 6:
                continue
            place = os.path.join(roots[-1], *parts[-6:])
            if place in origin:
                # The same account and hour in a second tree: a second scratch tree.
                roots.append(os.path.join(scratch, f"{SCRATCH_TREE}{len(roots)}"))
                place = os.path.join(roots[-1], *parts[-6:])
            os.makedirs(os.path.dirname(place), exist_ok=True)
            with open(place, "wb") as out:
                out.write(data)
            origin[place] = url
        if not origin:
            return
        # capnp-cat names the scratch copy; the messages name the original.
        pattern = re.compile("|".join(re.escape(place) for place in origin))

        def rename(message):
            return pattern.sub(lambda m: origin[m.group(0)], message)

        yield from tallied(run_tools([["capnp-cat", "--"] + roots] + commands, rename=rename), tally, "map")


# ---------------------------------------------------------------------------
# Files of records.

STDIN_LINE = re.compile(r"<stdin>(?::([0-9]+))?")
CHUNK = 1 << 20


def file_pieces(path, name, pieces):
    """Cuts a local file of records into about `pieces` pieces at line ends:
    (path, name, first byte, end byte, number of its first line), so that a
    tool's message can name the file as given and the line."""
    size = os.path.getsize(path)
    result, start, first = [], 0, 1
    with open(path, "rb") as file:
        for i in range(1, pieces):
            cut = line_end(file, max(size * i // pieces, start))
            if cut is None or cut >= size:
                break
            result.append((path, name, start, cut, first))
            file.seek(start)
            first += sum(chunk.count(b"\n") for chunk in read_range(file, cut - start))
            start = cut
    result.append((path, name, start, size, first))
    return result


def line_end(file, offset):
    """The offset just past the first line end at or after `offset`."""
    file.seek(offset)
    while chunk := file.read(CHUNK):
        found = chunk.find(b"\n")
        if found >= 0:
            return file.tell() - len(chunk) + found + 1
    return None


def read_range(file, length):
    while length > 0 and (data := file.read(min(CHUNK, length))):
        length -= len(data)
        yield data


def read_piece(pieces, commands, tally):
    """Map side of a local file of records: its piece goes through the
    tools, whose messages then name the file and its line."""
    for path, name, start, end, first in pieces:

        def chunks(path=path, start=start, end=end):
            with open(path, "rb") as file:
                file.seek(start)
                yield from read_range(file, end - start)

        def rename(message, name=name, first=first):
            return STDIN_LINE.sub(
                lambda m: name + (f":{int(m.group(1)) + first - 1}" if m.group(1) else ""), message
            )

        yield from tallied(run_tools(commands, source=chunks(), rename=rename), tally, "map")


def read_split(url, index, records, commands, tally):
    """Map side of a file of records behind a URL: Spark's split of its
    lines.  A message names the URL and the split, and a line by its number
    in the split."""

    def rename(message):
        return STDIN_LINE.sub(lambda m: f"{url} (split {index})" + (f":{m.group(1)}" if m.group(1) else ""), message)

    return tallied(run_tools(commands, source=lines_of(records), rename=rename), tally, "map")


def split_key(line):
    key, _, _ = line.partition("\t")
    return key, line


# ---------------------------------------------------------------------------
# acct-slice's order of rows: by slice, then by group values.


def key_order(key):
    """The sort key of a keyed line's key, `SLICE,VALUE,...`, as acct-slice
    orders its rows."""
    slice_text, values = key.split(",", 1) if "," in key else (key, "")
    return (slice_order(slice_text), [GroupValue(v) for v in json_values(values)])


def slice_order(text):
    # `total`, or YYYY-MM-DDTHH:MM:SSZ in UTC, where a year may have more or
    # fewer than four digits or a sign.
    if text == "total":
        return (0, 0, "")
    return (1, int(text[:-16]), text[-16:])


def json_values(text):
    """The raw JSON texts of the comma-separated values in `text`."""
    values = []
    depth = 0
    in_string = escaped = False
    start = 0
    for i, c in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        elif c == "," and depth == 0:
            values.append(text[start:i])
            start = i + 1
    if text:
        values.append(text[start:])
    return values


@functools.total_ordering
class GroupValue:
    """A group value in acct-slice's order: null, then numbers by exact value
    (integers exact to 128 bits, as acct-slice reads them; Python compares an
    integer with a float exactly), then strings, then anything else, by
    their text's bytes where the values are equal."""

    __slots__ = ("text", "rank", "number")

    def __init__(self, text):
        self.text = text
        first = text[:1]
        self.rank = 0 if first == "n" else 1 if first == "-" or first.isdigit() else 2 if first == '"' else 3
        self.number = None
        if self.rank == 1:
            if re.fullmatch(r"-?[0-9]+", text) and -(2**127) <= int(text) < 2**127:
                self.number = int(text)
            else:
                self.number = float(text)

    def __eq__(self, other):
        return self.text == other.text

    def __lt__(self, other):
        if self.rank != other.rank:
            return self.rank < other.rank
        if self.rank == 1 and self.number != other.number:
            return self.number < other.number
        return self.text.encode("utf-8") < other.text.encode("utf-8")


# ---------------------------------------------------------------------------
# The driver.


def main(argv):
    try:
        args = parse_arguments(argv)
    except Usage as usage:
        print(f"rollup.py: {usage}", file=sys.stderr)
        return 64
    commands = Commands(args)
    refused = commands.refusal()
    if refused:
        sys.stderr.write(refused)
        return 64

    # Under spark-submit the JVM is already there, with spark-submit's
    # options and master.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = args.master or (None if submitted else "local[*]")
    local = master is not None and master.startswith("local")
    if local:
        # Local mode needs no network, and its workers run this Python.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    try:
        from pyspark import SparkConf, SparkContext, StorageLevel
        from pyspark.java_gateway import launch_gateway
    except ImportError:
        print(f"rollup.py: no pyspark for {sys.executable} (pip install pyspark)", file=sys.stderr)
        return 2

    conf = (
        SparkConf()
        .setAppName("acct rollup")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        # Small files: deal them out by size, not by the default cost of
        # 4 MB for opening each one (which makes a task of every 32 files).
        .set("spark.files.openCostInBytes", "0")
    )
    if master:
        conf.setMaster(master)
    java_options = "-Dlog4j2.configurationFile=" + LOG_SETTINGS
    if local:
        conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        # The one JVM only moves rows between the tools: without the
        # optimizing compiler and with the serial collector it starts in
        # half the time (18 s against 9 s to a SparkContext on a loaded
        # 2-core machine) and the job runs as fast.
        java_options += " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    conf.set("spark.driver.extraJavaOptions", java_options)
    # The JVM's standard error comes through here, without the lines that
    # every start of Spark 4 writes whatever the log settings (the JVM's
    # warning that Spark asks for an incubator module, and the log level of
    # the pyspark shell, which Spark takes this program for).
    # The pipe is read from the start, so that why a JVM did not start is
    # said too.
    java_errors, java_stderr = os.pipe()
    relay = threading.Thread(target=relay_java, args=(os.fdopen(java_errors, "rb"),), daemon=True)
    relay.start()
    try:
        gateway = launch_gateway(conf, popen_kwargs={"stderr": java_stderr})
    except Exception as error:
        os.close(java_stderr)
        relay.join(timeout=10)
        print(f"rollup.py: Spark did not start: {error}", file=sys.stderr)
        return 2
    os.close(java_stderr)
    java = gateway.proc  # None under spark-submit
    sc = SparkContext(conf=conf, gateway=gateway)
    # Tree folders are listed down to their files.
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    closing = []
    try:
        status, closing = run(sc, args, commands, StorageLevel)
    except BrokenPipeError:
        # A closed standard output (`| head`) ends the run quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 0
    except Exception as error:  # the job's failure, from the JVM or a task
        status, closing = 2, [failure_message(str(error))]
    finally:
        sc.stop()
        if java:
            # The JVM ends when its standard input closes; the tools' last
            # messages, which its workers pass on, then come before ours.
            java.stdin.close()
            try:
                java.wait(timeout=30)
            except subprocess.TimeoutExpired:
                java.kill()
        relay.join(timeout=10)
    for line in closing:
        print(line, file=sys.stderr)
    return status


JAVA_NOISE = (
    b"WARNING: Using incubator modules: ",
    b"Setting default log level to ",
    b"To adjust logging level use sc.setLogLevel(",
)


def relay_java(pipe):
    out = sys.stderr.buffer
    with pipe:
        for line in pipe:
            if not line.startswith(JAVA_NOISE):
                out.write(line)
                out.flush()


def failure_message(text):
    """One line for a failed job: a task's own message, else the deepest
    exception in Spark's report, else its first line."""
    own = re.search(r"rollup\.py: [^\n]*", text)
    if own:
        return own.group(0)
    causes = re.findall(r"^\S*(?:Error|Exception): [^\n]*", text, re.MULTILINE)
    lines = text.strip().splitlines() or ["(no message)"]
    return "rollup.py: the Spark job failed: " + (causes[-1] if causes else lines[0])


class Commands:
    """The tools' command lines: the map side's pipeline after capnp-cat, and
    the merge."""

    def __init__(self, args):
        zone = args.tz or os.environ.get("TZ") or "UTC"
        self.merge = ["acct-slice", "--tz", zone, "--every", args.every, "--by", args.by]
        select = [["acct-filter", "--tz", zone, "-x", args.filter]] if args.filter else []
        self.map = select + [self.merge + ["--keyed"]]

    def refusal(self):
        """The messages of the tools here that refuse their arguments (a
        grid, a zone or an expression that is wrong), run on no input, as
        the executors would; None when they take them, or are not here."""
        for command in self.map:
            try:
                run = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True)
            except FileNotFoundError:
                continue
            if run.returncode == 64:
                return run.stderr.decode("utf-8", "replace")
        return None


def run(sc, args, commands, StorageLevel):
    slice_command, map_commands = commands.merge, commands.map
    # A task costs about a second of Spark's own work on a loaded 2-core
    # machine: one for each core runs the map side in one wave (49 s against
    # 85 s with four for each core, for 260,524 records).  On a cluster,
    # more (--partitions) even out trees whose accounts differ in size.
    partitions = args.partitions or sc.defaultParallelism
    tally = sc.accumulator({}, Tally())

    parts = []
    for path in args.paths:
        if not is_url(path) and os.path.isdir(path):
            # Hadoop's local file system forks a process per file for its
            # permissions: listed here, a month of a large cloud takes
            # seconds, not hours.
            folders = day_folders(os.path.abspath(path))
            if folders:
                tasks = sc.parallelize(folders, min(partitions, len(folders)))
                parts.append(tasks.mapPartitions(lambda it: read_folders(it, map_commands, tally)))
        elif is_url(path) and is_directory(sc, path):
            files = sc.binaryFiles(path, minPartitions=partitions)
            parts.append(files.mapPartitions(lambda it: decode_files(it, map_commands, tally)))
        elif not is_url(path):
            pieces = file_pieces(os.path.abspath(path), path, partitions)
            tasks = sc.parallelize(pieces, len(pieces))
            parts.append(tasks.mapPartitions(lambda it: read_piece(it, map_commands, tally)))
        else:
            records = sc.textFile(path, minPartitions=partitions)
            parts.append(
                records.mapPartitionsWithIndex(
                    lambda index, it, url=path: read_split(url, index, it, map_commands, tally)
                )
            )
    if not parts:
        return 0, []
    partial = sc.union(parts).map(split_key)
    # Partitioning samples the keys first: kept, the map side runs once.
    partial.persist(StorageLevel.MEMORY_AND_DISK)
    bounds = range_bounds(partial, sc.defaultParallelism)
    merged = partial.partitionBy(len(bounds) + 1, lambda key: bisect.bisect_left(bounds, key_order(key))).mapPartitions(
        lambda it: tallied(run_tools([slice_command], source=lines_of(line for _, line in it)), tally, "reduce")
    )

    if args.out:
        merged.saveAsTextFile(args.out)
    else:
        out = sys.stdout
        for row in merged.toLocalIterator():
            out.write(row)
            out.write("\n")
        out.flush()
    sums = tally.value
    closing = held_messages(sums)
    status = 1 if closing and closing[-1][1] else 0
    closing = [text for text, _ in closing]
    if sums.get(("bad",), (0, ""))[0]:
        closing.append("rollup.py: some input was bad; the tools' messages say which")
        status = 1
    return status, closing


def range_bounds(partial, reducers):
    """Keys that cut the partial rows into `reducers` ranges of about the
    same size, in acct-slice's order (rows of one key fall into one range).
    As Spark's RangePartitioner: a sample of each partition's keys, taken in
    the one pass that also fills the cache, weighted by the partition's
    size."""
    if reducers < 2:
        return []
    size = 20 * reducers

    def sample(index, rows):
        chance = random.Random(index)
        kept, count = [], 0
        for key, _ in rows:
            count += 1
            if len(kept) < size:
                kept.append(key)
            elif (place := chance.randrange(count)) < size:
                kept[place] = key
        yield count, kept

    weighted = []
    for count, kept in partial.mapPartitionsWithIndex(sample).collect():
        weighted.extend((key_order(key), count / len(kept)) for key in kept)
    weighted.sort(key=lambda pair: pair[0])
    step = sum(weight for _, weight in weighted) / reducers
    bounds, seen = [], 0.0
    for key, weight in weighted:
        seen += weight
        if len(bounds) < reducers - 1 and seen >= step * (len(bounds) + 1):
            bounds.append(key)
    return bounds


def is_directory(sc, url):
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(url)
    return path.getFileSystem(sc._jsc.hadoopConfiguration()).getFileStatus(path).isDirectory()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
