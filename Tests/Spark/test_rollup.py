"""The parts of examples/spark/rollup.py that need no Spark: the order of
keyed lines, the cutting of files of records, the tool pipelines and the
messages held back from the tasks.  Run by SparkRollupTests with the built
tools first on PATH:

    PYTHONPATH=examples/spark python3 -m unittest Tests/Spark/test_rollup.py
"""

import io
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stderr

import rollup


def keyed_rows(records, by):
    """acct-slice --every day --by BY --keyed over `records`, its lines in
    its own order."""
    text = "".join(json.dumps(r) + "\n" for r in records)
    run = subprocess.run(
        ["acct-slice", "--every", "day", "--by", by, "--keyed"], input=text.encode(), capture_output=True, check=True
    )
    return run.stdout.decode().splitlines()


def record(day, **keys):
    return dict(start=f"{day}T00:00:00Z", end=f"{day}T01:00:00Z", vcpus=1, **keys)


class KeyOrder(unittest.TestCase):
    """The reducers' ranges follow one another in acct-slice's order only if
    key_order sorts keys as acct-slice sorts its rows."""

    def test_keys_sort_as_acct_slice_sorts_rows(self):
        values = [
            None, 0, -0, 1, -1, 2, 10, -10, 1.5, -1.5, 1.0, 1e300, -1e300, 2**63, 2**63 + 1, 2**64, -(2**63),
            2**100, 2**100 - 1, 2**100 + 1, 2**127 - 1, -(2**127), float(2**100), 0.1, 0.30000000000000004, "", "a", "B", "a,b",
            'q"u', "\u00e9", "\U0001f600", "10", True, False, [1, 2], {"x": 1, "y": [2, 3]},
        ]
        records = [record(day, account=a, vm=v)
                   for day in ("2024-03-02", "2024-03-01", "1999-12-31")
                   for a in values for v in (None, 3, "b,c")]
        rows = keyed_rows(records, "account,vm")
        self.assertEqual(len(rows), 3 * len(values) * 3 - 3 * 3)  # 0 and -0 are one group
        shuffled = rows[:]
        random.Random(7).shuffle(shuffled)
        shuffled.sort(key=lambda line: rollup.key_order(rollup.split_key(line)[0]))
        self.assertEqual(shuffled, rows)

    def test_total_grid(self):
        rows = subprocess.run(
            ["acct-slice", "--every", "total", "--by", "account", "--keyed"],
            input=b"".join(json.dumps(record("2024-03-01", account=a)).encode() + b"\n" for a in (3, 1, 2)),
            capture_output=True, check=True,
        ).stdout.decode().splitlines()
        keys = [rollup.split_key(line)[0] for line in rows]
        self.assertEqual(keys, ["total,1", "total,2", "total,3"])
        self.assertEqual(sorted(reversed(keys), key=rollup.key_order), keys)


class FilePieces(unittest.TestCase):
    def test_pieces_cut_at_line_ends_and_count_lines(self):
        chance = random.Random(3)
        with tempfile.TemporaryDirectory() as folder:
            for ending in (b"\n", b""):
                lines = [b"x" * chance.randrange(0, 300) for _ in range(500)]
                data = b"\n".join(lines) + ending
                path = os.path.join(folder, "records.ndjson")
                with open(path, "wb") as file:
                    file.write(data)
                for count in (1, 2, 3, 7, 64, 1000):
                    pieces = rollup.file_pieces(path, "r", count)
                    self.assertLessEqual(len(pieces), count)
                    self.assertEqual(pieces[0][2], 0)
                    self.assertEqual(pieces[-1][3], len(data))
                    for (_, name, start, end, first), following in zip(pieces, pieces[1:] + [None]):
                        self.assertEqual(name, "r")
                        self.assertEqual(first, data.count(b"\n", 0, start) + 1)
                        if following:
                            self.assertEqual(following[2], end)
                            self.assertEqual(data[end - 1:end], b"\n")
                            self.assertLess(start, end)

    def test_empty_file(self):
        with tempfile.NamedTemporaryFile() as file:
            self.assertEqual(rollup.file_pieces(file.name, "e", 4), [(file.name, "e", 0, 0, 1)])


class Tools(unittest.TestCase):
    def run_tools(self, commands, text, rename=None):
        messages = io.StringIO()
        rows = rollup.run_tools(commands, source=[text.encode()], rename=rename)
        with redirect_stderr(messages):
            lines = []
            try:
                while True:
                    lines.append(next(rows))
            except StopIteration as end:
                outcome = end.value
        return lines, outcome, messages.getvalue()

    def test_bad_line_is_bad_input_and_renamed(self):
        text = json.dumps(record("2024-03-01", account=1)) + "\n{\"start\": bad\n"
        rename = lambda message: rollup.STDIN_LINE.sub(lambda m: f"f.ndjson:{int(m.group(1)) + 40}", message)
        lines, outcome, messages = self.run_tools([["acct-filter", "-x", "vcpus > 0"]], text, rename)
        self.assertEqual(len(lines), 1)
        self.assertTrue(outcome.bad)
        self.assertEqual(messages, "acct-filter: f.ndjson:42:11: unexpected character 'b'\n")

    def test_only_the_first_tools_messages_are_renamed(self):
        text = json.dumps(record("2024-03-01", account=1, vcpus_hours="x")) + "\n"
        rename = lambda message: rollup.STDIN_LINE.sub("f.ndjson:41", message)
        lines, outcome, messages = self.run_tools(
            [["acct-filter", "-x", "vcpus > 0"], ["acct-slice", "--every", "day", "--by", "account"]], text, rename
        )
        self.assertTrue(outcome.bad)
        self.assertTrue(messages.startswith("acct-slice: <stdin>:1:"), messages)

    def test_missing_key_is_held_not_bad(self):
        text = json.dumps(record("2024-03-01", account=1)) + "\n"
        lines, outcome, messages = self.run_tools(
            [["acct-filter", "-x", "vpcus > 0 or vcpus > 0"], ["acct-slice", "--every", "day", "--by", "acount"]], text
        )
        self.assertEqual(len(lines), 1)
        self.assertFalse(outcome.bad)
        self.assertEqual(messages, "")
        self.assertEqual(
            sorted(outcome.held.values()),
            [
                "acct-filter: -x: 'vpcus' names no key in the input; did you mean 'vcpus'?",
                "acct-slice: --by: 'acount' names no key in the input; did you mean 'account'?",
            ],
        )

    def test_other_failures_raise(self):
        with self.assertRaisesRegex(rollup.ToolsFailed, "acct-slice exited with status 64"):
            self.run_tools([["acct-slice", "--every", "fortnight"]], "")
        with self.assertRaisesRegex(rollup.ToolsFailed, "no-such-tool: not found on the executor's PATH"):
            self.run_tools([["no-such-tool"]], "")


class HeldMessages(unittest.TestCase):
    SLICE = "acct-slice: --by: 'k' names no key in the input"
    FILTER = "acct-filter: -x: 'k' names no key in the input"

    def tally(self, tasks):
        """Sums what `tallied` adds for tasks given as (rows, held keys)."""
        sums = {}
        for rows, held in tasks:
            counts = {("tasks",): (1, ""), ("tasks with rows",): (int(rows > 0), "")}
            for key in held:
                counts[("held", key)] = (1, key + "; did you mean 'kk'?")
                counts[("held with rows", key)] = (int(rows > 0), key)
            rollup.Tally().addInPlace(sums, counts)
        return sums

    def test_a_by_key_in_no_record_is_an_error_once(self):
        # The third task read no record: it could not say.
        sums = self.tally([(3, [self.SLICE]), (2, [self.SLICE]), (0, [])])
        self.assertEqual(rollup.held_messages(sums), [(self.SLICE + "; did you mean 'kk'?", True)])

    def test_a_by_key_in_some_records_is_no_error(self):
        self.assertEqual(rollup.held_messages(self.tally([(3, [self.SLICE]), (2, [])])), [])

    def test_a_filter_note_needs_every_task(self):
        self.assertEqual(
            rollup.held_messages(self.tally([(0, [self.FILTER]), (1, [self.FILTER])])),
            [(self.FILTER + "; did you mean 'kk'?", False)],
        )
        # The task that let nothing through may have seen the name.
        self.assertEqual(rollup.held_messages(self.tally([(0, [self.FILTER]), (0, [])])), [])


if __name__ == "__main__":
    unittest.main()
