#!/usr/bin/env bash
# The parallel runs (-j) under ThreadSanitizer: builds the four tools that
# take -j with --sanitize=thread into .build-tsan (its own build folder),
# then runs each at -j 3 on small chunks of a small input with bad lines,
# and fails on any report, or when the output differs from -j 1.
# `make tsan`; a cold build takes several minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=.build-tsan
TOOLS="capnp-cat acct-filter acct-slice acct-fmt"
for tool in $TOOLS; do
  "$SWIFT" build -c debug --sanitize=thread --scratch-path "$SCRATCH" --product "$tool" >/dev/null
done
BIN=$SCRATCH/debug
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Reports go to stderr; halt_on_error makes the first one fail the run.
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
"$BIN/capnp-cat" -j 1 examples/ovc > "$work/records.ndjson"
{ head -n 150 "$work/records.ndjson"; cat examples/records/bad-lines.ndjson; tail -n +151 "$work/records.ndjson"; } > "$work/mixed.ndjson"
failed=0
check() {
  local name=$1; shift
  local status=0
  "$@" -j 3 --chunk-size 2000 > "$work/parallel.out" 2> "$work/parallel.err" || status=$?
  "$@" -j 1 > "$work/serial.out" 2> /dev/null || true
  if grep -q "ThreadSanitizer" "$work/parallel.err" || [ "$status" = 66 ]; then
    echo "tsan: $name: ThreadSanitizer reported:"; cat "$work/parallel.err"; failed=1
  elif ! cmp -s "$work/parallel.out" "$work/serial.out"; then
    echo "tsan: $name: -j 3 output differs from -j 1"; failed=1
  else
    echo "tsan: $name: clean"
  fi
}
check "capnp-cat" "$BIN/capnp-cat" examples/ovc
check "acct-filter -x" "$BIN/acct-filter" -x 'vcpus >= 2' -s 2018-10-02 "$work/mixed.ndjson"
check "acct-slice --by" "$BIN/acct-slice" --every day --by account,cloudspace "$work/mixed.ndjson"
check "acct-slice --tz" "$BIN/acct-slice" --tz Europe/Brussels --every day "$work/mixed.ndjson"
check "acct-fmt --json" "$BIN/acct-fmt" --json "$work/mixed.ndjson"
check "acct-fmt --csv" "$BIN/acct-fmt" --csv "$work/mixed.ndjson"
exit $failed
