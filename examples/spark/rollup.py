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
           split into partitions of lines, which go through the last two.
  shuffle  The keyed partial rows are sorted by key (slice, then group
           values, in acct-slice's order), so all the rows of a group meet
           in one partition and the partitions follow one another in order.
  reduce   One acct-slice --every GRID --by KEYS per partition merges each
           group's rows.

The rows go to standard output, or with --out DIR to part files in DIR, in
the order one acct-slice --by writes them.  Integer totals equal those of
one process; a float total may differ by one rounding per merge level (see
acct-slice(1)).

The tools run from the PATH of the executors (with --master local[N], this
machine's).  Their messages go to standard error here in local mode, to the
executors' logs on a cluster.

Exit status: 0 done; 1 a tool reported bad input (and the rest was
processed); 2 the Spark job failed; 64 usage error.

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
    parser.add_argument("--master", default="local[*]", help="Spark master URL (default local[*])")
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
        "--partitions", type=int, metavar="N", help="map tasks (default: 4 for each core Spark has)"
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


def run_tools(commands, lines=None, rename=None):
    """Runs `commands` as one pipeline, like a shell's `a | b | c`, and yields
    the last one's output lines.  `lines`, when given, are written to the
    first one's standard input.  The commands inherit the executor's
    environment (RDD.pipe gives them an empty one unless told otherwise).
    Returns whether some command reported bad input (status 1); any other
    failure raises, which fails the task."""
    processes = []
    relays = []
    previous = subprocess.PIPE if lines is not None else subprocess.DEVNULL
    for command in commands:
        try:
            process = subprocess.Popen(command, stdin=previous, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise ToolsFailed(f"rollup.py: {command[0]}: not found on the executor's PATH") from None
        if processes:
            processes[-1].stdout.close()
        relay = threading.Thread(target=relay_messages, args=(process.stderr, rename), daemon=True)
        relay.start()
        relays.append(relay)
        processes.append(process)
        previous = process.stdout
    if lines is not None:
        feeder = threading.Thread(target=feed, args=(lines, processes[0].stdin), daemon=True)
        feeder.start()
    for line in processes[-1].stdout:
        yield line.decode("utf-8").rstrip("\n")
    for relay in relays:
        relay.join()
    statuses = [(command[0], process.wait()) for command, process in zip(commands, processes)]
    bad = [name for name, status in statuses if status == BAD_INPUT.get(name, 1)]
    failed = [f"{name} exited with status {status}" for name, status in statuses if status != 0 and name not in bad]
    if failed:
        raise ToolsFailed("rollup.py: " + ", ".join(failed))
    return bool(bad)


def feed(lines, pipe):
    try:
        for line in lines:
            pipe.write(line.encode("utf-8") + b"\n")
    except BrokenPipeError:
        # The tool stopped reading; its status says why.
        pass
    finally:
        try:
            pipe.close()
        except BrokenPipeError:
            pass


def relay_messages(pipe, rename):
    for line in pipe:
        text = line.decode("utf-8", "replace")
        sys.stderr.write(rename(text) if rename else text)
    sys.stderr.flush()


def counted(rows, bad_input):
    """Yields the rows of `run_tools`, adding 1 to `bad_input` when a tool
    reported bad input."""
    if (yield from rows):
        bad_input.add(1)


def read_folders(paths, commands, bad_input):
    """Map side of a local tree: capnp-cat reads the task's folders in place,
    as many to a run as the command line takes."""
    xargs = ["xargs", "-r", "-d", "\n", "capnp-cat", "--"]
    return counted(run_tools([xargs] + commands, lines=paths), bad_input)


def decode_files(files, commands, bad_input):
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

        yield from counted(run_tools([["capnp-cat", "--"] + roots] + commands, rename=rename), bad_input)


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
    """A group value in acct-slice's order: null, then numbers by value
    (integers of 64 bits exactly), then strings by their text, then anything
    else by its text."""

    __slots__ = ("text", "rank", "exact", "value")

    def __init__(self, text):
        self.text = text
        first = text[:1]
        self.rank = 0 if first == "n" else 1 if first == "-" or first.isdigit() else 2 if first == '"' else 3
        self.exact = self.value = None
        if self.rank == 1:
            if re.fullmatch(r"-?[0-9]+", text) and -(2**63) <= int(text) < 2**63:
                self.exact = int(text)
                self.value = float(self.exact)
            else:
                self.value = float(text)

    def __eq__(self, other):
        return self.text == other.text

    def __lt__(self, other):
        if self.rank != other.rank:
            return self.rank < other.rank
        if self.rank == 1:
            if self.exact is not None and other.exact is not None and self.exact != other.exact:
                return self.exact < other.exact
            if self.value != other.value:
                return self.value < other.value
        return self.text.encode("utf-8") < other.text.encode("utf-8")


# ---------------------------------------------------------------------------
# The driver.


def main(argv):
    try:
        args = parse_arguments(argv)
    except Usage as usage:
        print(f"rollup.py: {usage}", file=sys.stderr)
        return 64

    local = args.master.startswith("local")
    if local:
        # Local mode needs no network, and its workers run this Python.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    from pyspark import SparkConf, SparkContext, StorageLevel

    conf = (
        SparkConf()
        .setMaster(args.master)
        .setAppName("acct rollup")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        # Small files: deal them out by size, not by the default cost of
        # 4 MB for opening each one (which makes a task of every 32 files).
        .set("spark.files.openCostInBytes", "0")
        .set("spark.driver.extraJavaOptions", "-Dlog4j2.configurationFile=" + LOG_SETTINGS)
    )
    if local:
        conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
    sc = SparkContext(conf=conf)
    # Tree folders are listed down to their files.
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    try:
        return run(sc, args, StorageLevel)
    except BrokenPipeError:
        # A closed standard output (`| head`) ends the run quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # the job's failure, from the JVM or a task
        print(failure_message(str(error)), file=sys.stderr)
        return 2
    finally:
        sc.stop()


def failure_message(text):
    """One line for a failed job: a task's own message, else the deepest
    exception in Spark's report, else its first line."""
    own = re.search(r"rollup\.py: [^\n]*", text)
    if own:
        return own.group(0)
    causes = re.findall(r"^\S*(?:Error|Exception): [^\n]*", text, re.MULTILINE)
    lines = text.strip().splitlines() or ["(no message)"]
    return "rollup.py: the Spark job failed: " + (causes[-1] if causes else lines[0])


def run(sc, args, StorageLevel):
    zone = args.tz or os.environ.get("TZ") or "UTC"
    slice_command = ["acct-slice", "--tz", zone, "--every", args.every, "--by", args.by]
    select = [["acct-filter", "--tz", zone, "-x", args.filter]] if args.filter else []
    map_commands = select + [slice_command + ["--keyed"]]
    partitions = args.partitions or 4 * sc.defaultParallelism
    bad_input = sc.accumulator(0)

    parts = []
    for path in args.paths:
        if not is_url(path) and os.path.isdir(path):
            # Hadoop's local file system forks a process per file for its
            # permissions: listed here, a month of a large cloud takes
            # seconds, not hours.
            folders = day_folders(os.path.abspath(path))
            if folders:
                tasks = sc.parallelize(folders, min(partitions, len(folders)))
                parts.append(tasks.mapPartitions(lambda it: read_folders(it, map_commands, bad_input)))
        elif is_url(path) and is_directory(sc, path):
            files = sc.binaryFiles(path, minPartitions=partitions)
            parts.append(files.mapPartitions(lambda it: decode_files(it, map_commands, bad_input)))
        else:
            url = path if is_url(path) else "file://" + os.path.abspath(path)
            records = sc.textFile(url, minPartitions=partitions)
            parts.append(records.mapPartitions(lambda it: counted(run_tools(map_commands, lines=it), bad_input)))
    if not parts:
        return 0
    partial = sc.union(parts).map(split_key)
    # Partitioning samples the keys first: kept, the map side runs once.
    partial.persist(StorageLevel.MEMORY_AND_DISK)
    bounds = range_bounds(partial, sc.defaultParallelism)
    merged = partial.partitionBy(len(bounds) + 1, lambda key: bisect.bisect_left(bounds, key_order(key))).mapPartitions(
        lambda it: counted(run_tools([slice_command], lines=(line for _, line in it)), bad_input)
    )

    if args.out:
        merged.saveAsTextFile(args.out)
    else:
        out = sys.stdout
        for row in merged.toLocalIterator():
            out.write(row)
            out.write("\n")
        out.flush()
    if bad_input.value:
        print("rollup.py: some input was bad; the tools' messages say which", file=sys.stderr)
        return 1
    return 0


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
