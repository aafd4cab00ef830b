#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets in Fuzz/ against the project's
# libraries (compiled with -sanitize=fuzzer,address into .build-fuzz, apart
# from the normal build) and runs each for FUZZ_SECONDS (default 60).
# Fails when a target finds a crash, a leak (LeakSanitizer), an input that
# takes over FUZZ_TIMEOUT seconds, or one that needs over 2 GB.
#
#   make fuzz                                        every target, 60 s each
#   make fuzz FUZZ_SECONDS=3600 FUZZ_TARGETS="capnp ndjson"   an hour each
#   Fuzz/run.sh --build-only                        build, do not run
#
# What each target found so far stays in .build-fuzz/corpus/TARGET (runs go
# on from there); a failing input is saved as .build-fuzz/artifacts/TARGET/
# crash-*, leak-*, timeout-* or oom-*; replay one with
#   .build-fuzz/release/fuzz-TARGET .build-fuzz/artifacts/TARGET/crash-...
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
targets=${FUZZ_TARGETS:-capnp capnp-raw ndjson time expr opennebula csv archive fastpaths}
swift=${SWIFT:-swift}
scratch=.build-fuzz
bin=$scratch/release

build() {
    # -sanitize=fuzzer alone leaves Swift code without coverage counters
    # (only the C and C++ targets got them): libFuzzer would be blind there.
    local flags=(-c release --scratch-path "$scratch" --sanitize fuzzer --sanitize address
                 -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
    # The engine libraries cover every library the harnesses use; the
    # executables are not built (their main would clash with libFuzzer's).
    local engines=(CapnpKit FilterKit SliceKit FormatKit ImportKit) engine
    for engine in "${engines[@]}"; do
        "$swift" build "${flags[@]}" --target "$engine" || return 1
    done
    # The Swift libraries and every C/C++ target built with them (those
    # SwiftPM wrote a module map for, and CCapnp, which has its own);
    # system library targets' module maps are in Sources/.
    local objects=("$bin"/{AcctCore,ExprKit,CapnpKit,FilterKit,SliceKit,FormatKit,ImportKit,CCapnp}.build/*.o) maps=() map
    # (A C target no harness uses, such as the generator's builder, has a
    # module map but was not built: nullglob leaves it out.)
    shopt -s nullglob
    for map in "$bin"/*.build/module.modulemap; do
        objects+=("$(dirname "$map")"/*.o)
    done
    shopt -u nullglob
    for map in "$bin"/*.build/module.modulemap Sources/*/module.modulemap Sources/*/include/module.modulemap; do
        maps+=(-Xcc "-fmodule-map-file=$map")
    done
    local target
    for target in $targets; do
        [ -f "Fuzz/$target.swift" ] || { echo "fuzz: no target Fuzz/$target.swift" >&2; return 1; }
        echo "linking $bin/fuzz-$target"
        swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name "fuzz_${target//-/_}" \
            -I "$bin/Modules" "${maps[@]}" Fuzz/Support.swift "Fuzz/$target.swift" "${objects[@]}" \
            -lcapnpc -lcapnp -lkj -lzstd -lxml2 -lxlsxwriter -lz -lre2 -lstdc++ -o "$bin/fuzz-$target" 2>&1 |
            grep -v "Cannot export local symbol" >&2
        [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
    done
}

# Seeds from examples/ (and Fuzz/seeds/ for the targets examples/ has no
# files for), remade each run; the corpus folder keeps what the fuzzer adds.
seed() {
    local target=$1 dir=$scratch/seeds/$1
    rm -rf "$dir" && mkdir -p "$dir"
    case $target in
    capnp | capnp-raw)
        find examples/ovc -name account_capnp.bin | sort | awk 'NR % 12 == 1' | while read -r f; do
            cp "$f" "$dir/$(echo "$f" | tr / _)"
            # The same message packed, when the capnp tool is there.
            if command -v capnp > /dev/null; then
                capnp convert binary:packed Sources/CCapnp/ovc.capnp Account < "$f" > "$dir/packed_$(echo "$f" | tr / _)" 2> /dev/null ||
                    rm -f "$dir/packed_$(echo "$f" | tr / _)"
            fi
        done
        ;;
    ndjson)
        cp examples/records/*.ndjson examples/opennebula/*.ndjson examples/acct-fmt/records.ndjson "$dir"/
        ;;
    opennebula) cp examples/opennebula/*.xml "$dir"/ ;;
    archive)
        # The day archive as gzip and as plain tar, and the day's dumps in
        # the formats other tars write: pax headers (a long name), GNU long
        # names, members compressed inside, gzip padded to a tape block.
        local long work
        cp examples/slapos/*.tar.gz "$dir"/
        gzip -dc examples/slapos/2024-03-02.tar.gz > "$dir/day.tar"
        work=$(mktemp -d)
        long=$work/2024-03-01/$(printf 'x%.0s' {1..110})
        mkdir -p "$long"
        cp examples/slapos/2024-03-01/dump_folder.csv examples/slapos/2024-03-01/dump_system.csv "$long"/
        zstd -q "$long/dump_system.csv" -o "$long/dump_disk.csv.zst"
        gzip -c "$long/dump_folder.csv" > "$long/dump_user.csv.gz"
        tar --format=posix -C "$work" -cf "$dir/pax.tar" 2024-03-01
        tar --format=gnu -C "$work" -cf "$dir/gnu.tar" 2024-03-01
        gzip -c "$dir/gnu.tar" | dd of="$dir/padded.tar.gz" bs=10240 conv=sync 2> /dev/null
        rm -rf "$work"
        ;;
    csv)
        for f in examples/cloudstack/* examples/abiquo/*; do
            head -c 8192 "$f" > "$dir/$(basename "$f")"
        done
        ;;
    esac
    if [ -d "Fuzz/seeds/$target" ]; then cp Fuzz/seeds/"$target"/* "$dir"/; fi
}

run() {
    local target=$1 corpus=$scratch/corpus/$1 artifacts=$scratch/artifacts/$1 log=$scratch/logs/$1.log
    mkdir -p "$corpus" "$artifacts" "$scratch/logs"
    seed "$target"
    local dict=()
    [ -f "Fuzz/dict/$target.dict" ] && dict=(-dict="Fuzz/dict/$target.dict")
    echo "fuzzing $target for $seconds s (log: $log)"
    # SWIFT_BACKTRACE: Swift's own crash handler would read memory ASan
    # guards and hide the real report.
    SWIFT_BACKTRACE=enable=no \
    LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp:print_suppressions=0" \
    ASAN_OPTIONS="malloc_context_size=100:detect_leaks=1" \
        "$bin/fuzz-$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$corpus" "$scratch/seeds/$target" \
        > "$log" 2>&1
    local status=$?
    local execs units
    execs=$(grep -oE 'average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    units=$(find "$corpus" -type f | wc -l)
    local size
    size=$(du -sk "$corpus" | cut -f1)
    if [ $status -eq 0 ]; then
        summary+=("$(printf '%-11s ok      %7s exec/s  corpus %5d inputs, %6d KB' "$target" "$execs" "$units" "$size")")
    else
        failed=1
        summary+=("$(printf '%-11s FAILED  (status %d) see %s and %s' "$target" $status "$log" "$artifacts")")
        grep -E 'ERROR|SUMMARY|Test unit written|timeout|out-of-memory' "$log" | head -n 8 >&2
    fi
}

build || { echo "fuzz: build failed" >&2; exit 2; }
[ "${1:-}" = "--build-only" ] && exit 0
failed=0
summary=()
for target in $targets; do run "$target"; done
printf '%s\n' "${summary[@]}"
exit $failed
