import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from slapos on examples/slapos: a day of dumps and the
/// next day's archive, samples held until the next one, counters
/// differenced, worked out by hand from the rows.
final class AcctImportSlapOSTests: XCTestCase {
    private let day1 = "examples/slapos/2024-03-01"
    private let archive = "examples/slapos/2024-03-02.tar.gz"

    private func run(_ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "slapos"] + arguments)
    }

    private let process = #""table":"user","user":"slapuser0","pid":1234,"process":"1234-1709333760.25""#

    func testSamplesBecomeIntervalsAcrossTheArchive() throws {
        let result = try run(["\(day1)/dump_user.csv", "\(day1)/dump_system.csv", archive])
        XCTAssertEqual(result.status, 0, "a counter reset is normal data: a note, not bad input")
        XCTAssertEqual(result.stderr,
            "acct-import: \(archive):2024-03-02/dump_system.csv:1: net_in_bytes of the host went back from 1600000.0 to 500000.0; counted as a reset\n")
        let s = #"{"source":"slapos","#
        XCTAssertEqual(result.lines, [
            // cpu_time 100.0 -> 130.0, io_rw 1000.0 -> 5000.0, io_cycles 10.0 -> 20.0:
            // the dumps' REAL columns are floats, and so are the records' numbers.
            s + #""start":"2024-03-01T23:57:00Z","end":"2024-03-01T23:58:00Z",\#(process),"cpu_percent":50.0,"threads":4.0,"memory_percent":1.5,"rss_bytes":104857600.0,"cpu_seconds":30.0,"io_bytes":4000.0,"io_ops":10.0}"#,
            s + #""start":"2024-03-01T23:58:00Z","end":"2024-03-01T23:59:00Z",\#(process),"cpu_percent":25.0,"threads":4.0,"memory_percent":1.5,"rss_bytes":104857600.0,"cpu_seconds":15.5,"io_bytes":0.0,"io_ops":0.0}"#,
            // net_in 1000000 -> 1600000, errors 0 -> 1, net_out 2000000 -> 2500000
            // (6e5 is 600000.0, the shortest text of the float).
            s + #""start":"2024-03-01T23:58:00Z","end":"2024-03-01T23:59:00Z","table":"system","loadavg":0.5,"cpu_percent":12.5,"mem_used_bytes":1073741824.0,"mem_free_bytes":3221225472.0,"net_rx_bytes":6e5,"net_rx_errors":1.0,"net_rx_dropped":0.0,"net_tx_bytes":5e5,"net_tx_errors":0.0,"net_tx_dropped":0.0}"#,
            // The day's last sample waits for the next day's first (from the archive):
            // net_in fell from 1600000 to 500000, a reset: the growth is 500000.
            s + #""start":"2024-03-01T23:59:00Z","end":"2024-03-02T00:00:00Z","table":"system","loadavg":0.75,"cpu_percent":20.0,"mem_used_bytes":1073741824.0,"mem_free_bytes":3221225472.0,"net_rx_bytes":5e5,"net_rx_errors":0.0,"net_rx_dropped":0.0,"net_tx_bytes":1e5,"net_tx_errors":0.0,"net_tx_dropped":0.0}"#,
            s + #""start":"2024-03-02T00:00:00Z","end":"2024-03-02T00:01:00Z","table":"system","loadavg":1.0,"cpu_percent":30.0,"mem_used_bytes":2147483648.0,"mem_free_bytes":2147483648.0,"net_rx_bytes":3e5,"net_rx_errors":0.0,"net_rx_dropped":0.0,"net_tx_bytes":1e5,"net_tx_errors":0.0,"net_tx_dropped":0.0}"#,
            // cpu_time 145.5 -> 205.5 over midnight, then 265.5.
            s + #""start":"2024-03-01T23:59:00Z","end":"2024-03-02T00:00:00Z",\#(process),"cpu_percent":0.0,"threads":5.0,"memory_percent":2.0,"rss_bytes":209715200.0,"cpu_seconds":60.0,"io_bytes":4000.0,"io_ops":10.0}"#,
            s + #""start":"2024-03-02T00:00:00Z","end":"2024-03-02T00:01:00Z",\#(process),"cpu_percent":100.0,"threads":5.0,"memory_percent":2.0,"rss_bytes":209715200.0,"cpu_seconds":60.0,"io_bytes":3000.0,"io_ops":10.0}"#,
            // Process 999 was seen once: held the user table's --max-gap (120 s), no counter growth known.
            s + #""start":"2024-03-01T23:57:00Z","end":"2024-03-01T23:59:00Z","table":"user","user":"slapuser1","pid":999,"process":"999-1709300000.5","cpu_percent":10.0,"threads":1.0,"memory_percent":0.5,"rss_bytes":1048576.0}"#,
            // 00:01 to 00:05 is longer than --max-gap: held 120 s, counters start again.
            s + #""start":"2024-03-02T00:01:00Z","end":"2024-03-02T00:03:00Z",\#(process),"cpu_percent":100.0,"threads":5.0,"memory_percent":2.0,"rss_bytes":209715200.0}"#,
            // The archive's folder dump (4096 KiB), held the folder table's 25 hours;
            // dump_computer.csv is passed over.
            s + #""start":"2024-03-02T00:00:10Z","end":"2024-03-03T01:00:10Z","table":"folder","user":"slapuser0","disk_bytes":4194304.0}"#,
            // At the end, the last samples are held --max-gap.
            s + #""start":"2024-03-02T00:01:00Z","end":"2024-03-02T00:03:00Z","table":"system","loadavg":1.0,"cpu_percent":30.0,"mem_used_bytes":2147483648.0,"mem_free_bytes":2147483648.0}"#,
            s + #""start":"2024-03-02T00:05:00Z","end":"2024-03-02T00:07:00Z",\#(process),"cpu_percent":0.0,"threads":5.0,"memory_percent":2.0,"rss_bytes":209715200.0}"#,
        ])
    }

    func testMaxGapPerTable() throws {
        // Folder sizes are taken once a day and held up to 25 hours by
        // default, processes every minute and held 2 minutes, in one run.
        let folder = #"{"source":"slapos","start":"2024-03-01T00:00:10Z","end":"2024-03-02T00:00:10Z","table":"folder","user":"slapuser0","disk_bytes":2097152.0}"#
        let byDefault = try run(["\(day1)/dump_folder.csv", "\(day1)/dump_user.csv", archive])
        XCTAssertEqual(byDefault.status, 0, byDefault.stderr)
        XCTAssertEqual(byDefault.lines.filter { $0.contains(#""table":"folder""#) }, [
            folder,
            #"{"source":"slapos","start":"2024-03-02T00:00:10Z","end":"2024-03-03T01:00:10Z","table":"folder","user":"slapuser0","disk_bytes":4194304.0}"#,
        ])
        XCTAssertTrue(byDefault.lines.contains(
            #"{"source":"slapos","start":"2024-03-01T23:57:00Z","end":"2024-03-01T23:59:00Z","table":"user","user":"slapuser1","pid":999,"process":"999-1709300000.5","cpu_percent":10.0,"threads":1.0,"memory_percent":0.5,"rss_bytes":1048576.0}"#))

        // TABLE=SECONDS sets one table; SECONDS alone every table, in order.
        let oneTable = try run(["--max-gap", "folder=3600", "--max-gap", "user=60", "\(day1)/dump_folder.csv", "\(day1)/dump_user.csv"])
        XCTAssertEqual(oneTable.status, 0, oneTable.stderr)
        XCTAssertTrue(oneTable.lines.contains(#"{"source":"slapos","start":"2024-03-01T00:00:10Z","end":"2024-03-01T01:00:10Z","table":"folder","user":"slapuser0","disk_bytes":2097152.0}"#))
        XCTAssertTrue(oneTable.lines.contains { $0.contains(#""end":"2024-03-01T23:58:00Z","table":"user","user":"slapuser1""#) })
        let everyTable = try run(["--max-gap", "folder=3600", "--max-gap", "86400", "\(day1)/dump_folder.csv", archive])
        XCTAssertEqual(everyTable.lines.filter { $0.contains(#""table":"folder""#) }.first, folder)
        XCTAssertTrue(everyTable.lines.contains { $0.contains(#""start":"2024-03-02T00:05:00Z","end":"2024-03-03T00:05:00Z""#) })

        for (value, message) in [
            ("bogus=5", "acct-import: --max-gap: unknown collector table 'bogus' (tables: user, system, folder, disk)\n"),
            ("0", "acct-import: --max-gap: '0' is not a positive number of seconds\n"),
            ("user=1h", "acct-import: --max-gap: '1h' is not a positive number of seconds\n"),
        ] {
            let bad = try run(["--max-gap", value, "\(day1)/dump_folder.csv"])
            XCTAssertEqual(bad.status, 64, value)
            XCTAssertEqual(bad.stderr, message)
            XCTAssertEqual(bad.stdoutText, "")
        }
        let otherSource = try ToolRunner.run("acct-import", ["--from", "abiquo", "--max-gap", "60", "examples/abiquo/accounting_event_vm.csv"])
        XCTAssertEqual(otherSource.status, 64)
        XCTAssertTrue(otherSource.stderr.contains("--max-gap goes with --from slapos"), otherSource.stderr)
    }

    func testStandardInputAndTableFlag() throws {
        let stdin = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("\(day1)/dump_folder.csv"))
        let named = try ToolRunner.run("acct-import", ["--from", "slapos", "--table", "folder"], stdin: stdin)
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.lines, [#"{"source":"slapos","start":"2024-03-01T00:00:10Z","end":"2024-03-02T01:00:10Z","table":"folder","user":"slapuser0","disk_bytes":2097152.0}"#])
        let unnamed = try ToolRunner.run("acct-import", ["--from", "slapos"], stdin: stdin)
        XCTAssertEqual(unnamed.status, 1)
        XCTAssertEqual(unnamed.stderr, "acct-import: <stdin>: cannot tell the collector table from the file name (give --table)\n")
        let computer = try ToolRunner.run("acct-import", ["--from", "slapos", "--table", "computer"], stdin: stdin)
        XCTAssertEqual(computer.stderr, "acct-import: <stdin>: table 'computer' holds no usage and is not imported\n")
    }

    func testArchivesAreKnownByTheirBytes() throws {
        // A day archive on standard input, or under a name that does not say
        // what it is, and the tar inside it uncompressed: the same records
        // as the archive by its name.
        let byName = try run([archive])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertEqual(byName.lines.count, 6)
        let gzipped = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(archive))
        let stdin = try ToolRunner.run("acct-import", ["--from", "slapos"], stdin: gzipped)
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertEqual(stdin.stdoutText, byName.stdoutText)

        let dir = try TempDir()
        let renamed = try dir.write("collected-day", bytes: [UInt8](gzipped))
        XCTAssertEqual(try run([renamed]).stdoutText, byName.stdoutText)
        let tar = try ToolRunner.shell("gzip -dc \(ToolRunner.repositoryRoot.path)/\(archive) > \(dir.path("day.tar"))")
        XCTAssertEqual(tar.status, 0, tar.stderr)
        let plain = try run([dir.path("day.tar")])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(plain.stdoutText, byName.stdoutText)
        let tarStdin = try ToolRunner.run("acct-import", ["--from", "slapos"], stdin: try Data(contentsOf: URL(fileURLWithPath: dir.path("day.tar"))))
        XCTAssertEqual(tarStdin.stdoutText, byName.stdoutText)

        // A gzipped dump named as an archive is refused as one; on standard
        // input, with --table, it is a dump.
        let gzippedDump = try ToolRunner.shell("gzip -c \(ToolRunner.repositoryRoot.path)/\(day1)/dump_folder.csv > \(dir.path("folder.tar.gz"))")
        XCTAssertEqual(gzippedDump.status, 0, gzippedDump.stderr)
        let dumpInTarName = try run([dir.path("folder.tar.gz")])
        XCTAssertEqual(dumpInTarName.status, 1)
        XCTAssertEqual(dumpInTarName.stderr, "acct-import: \(dir.path("folder.tar.gz")): not a tar archive\n")
        let gzipStdin = try ToolRunner.run("acct-import", ["--from", "slapos", "--table", "folder"],
                                           stdin: try Data(contentsOf: URL(fileURLWithPath: dir.path("folder.tar.gz"))))
        XCTAssertEqual(gzipStdin.status, 0, gzipStdin.stderr)
        XCTAssertEqual(gzipStdin.lines.count, 1)
        let gz = try dir.write("dump_folder.csv.gz", bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path("folder.tar.gz")))))
        XCTAssertEqual(try run([gz]).stdoutText, gzipStdin.stdoutText)
    }

    func testTimesAreUTCWhateverTZ() throws {
        // The collector writes gmtime(): TZ, the zone of whoever imports,
        // does not move it; --tz is for dumps of a collector that wrote
        // local times.
        let utc = try run([archive])
        XCTAssertEqual(utc.status, 0, utc.stderr)
        let paris = try ToolRunner.run("acct-import", ["--from", "slapos", archive], environment: ["TZ": "Europe/Paris"])
        XCTAssertEqual(paris.status, 0, paris.stderr)
        XCTAssertEqual(paris.stdoutText, utc.stdoutText)
        let told = try ToolRunner.run("acct-import", ["--from", "slapos", "--tz", "Europe/Paris", archive],
                                      environment: ["TZ": "UTC"])
        XCTAssertEqual(told.lines.first?.contains(#""start":"2024-03-01T23:00:00Z","end":"2024-03-01T23:01:00Z","table":"system""#), true,
                       told.stdoutText)
        let utcFlag = try ToolRunner.run("acct-import", ["--from", "slapos", "--utc", archive], environment: ["TZ": "Europe/Paris"])
        XCTAssertEqual(utcFlag.stdoutText, utc.stdoutText)
    }

    func testGaugesAndCountersRollUp() throws {
        // slapuser0 on 1 March: 50 %, 25 % and 0 % held 60 s each, so
        // cpu_percent_hours = (50 + 25 + 0) × 60 / 3600 = 1.25; cpu_seconds 30 + 15.5 + 60.
        let result = try ToolRunner.shell(
            "acct-import --from slapos \(day1)/dump_user.csv \(archive) 2>/dev/null | acct-filter -u slapuser0 | acct-slice --every day --by user -s 2024-03-01 -e 2024-03-01 2>/dev/null | acct-fmt --csv -o user,seconds,cpu_percent_hours,cpu_seconds")
        XCTAssertEqual(result.stdoutText, "user,seconds,cpu_percent_hours,cpu_seconds\nslapuser0,180,1.25,105.5\n")
    }

    func testTruncatedArchiveKeepsTheRecordsBeforeTheCut() throws {
        let dir = try TempDir()
        var rows = ""
        for i in 0..<3000 {
            let t = String(format: "%02d:%02d:%02d", i / 3600, i / 60 % 60, i % 60)
            rows += "slapuser0,7.0,7-1.0,1.0,\(i).0,1.0,0.1,1024.0,0.0,0.0,2024-03-05,\(t),1\r\n"
        }
        try dir.write("2024-03-05/dump_user.csv", rows)
        let made = try ToolRunner.shell("cd \(dir.path) && tar czf day.tar.gz 2024-03-05 && head -c $(( $(stat -c %s day.tar.gz) / 2 )) day.tar.gz > cut.tar.gz")
        XCTAssertEqual(made.status, 0, made.stderr)
        let whole = try run([dir.path("day.tar.gz")])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertEqual(whole.lines.count, 3000)
        let cut = try run([dir.path("cut.tar.gz"), "\(day1)/dump_folder.csv"])
        XCTAssertEqual(cut.status, 1)
        let cutSize = try FileManager.default.attributesOfItem(atPath: dir.path("cut.tar.gz"))[.size] as! Int
        XCTAssertEqual(cut.stderr, "acct-import: \(dir.path("cut.tar.gz")): truncated gzip data: input ends inside a member at byte \(cutSize)\n")
        let users = cut.lines.filter { $0.contains(#""table":"user""#) }
        XCTAssertGreaterThan(users.count, 100)
        XCTAssertLessThan(users.count, 3000)
        // Every record written is whole, each second's cpu_time growth is 1.
        XCTAssertEqual(users.filter { $0.contains(#""cpu_seconds":1.0,"#) }.count, users.count - 1)
        XCTAssertEqual(cut.lines.filter { $0.contains(#""table":"folder""#) }.count, 1, "the next input is read")
        let garbage = try dir.write("bad.tar.gz", "not gzip at all\n")
        XCTAssertEqual(try run([garbage]).stderr, "acct-import: \(garbage): corrupt gzip data at byte 2: incorrect header check\n")
    }

    func testBadRows() throws {
        let dir = try TempDir()
        let path = try dir.write("dump_user.csv", """
            slapuser0,7.0,7-1.0,1.0,10.0,1.0,0.1,1024.0,0.0,0.0,2024-03-05,10:00:00,1
            slapuser0,7.0,7-1.0,1.0,20.0,1.0,0.1,1024.0,0.0,0.0,2024-03-05,10:01:00
            slapuser0,7.0,7-1.0,1.0
            slapuser0,7.0,7-1.0,x,20.0,1.0,0.1,1024.0,0.0,0.0,2024-03-05,10:02:00,1
            slapuser0,7.0,7-1.0,1.0,20.0,1.0,0.1,1024.0,0.0,0.0,2024-03-05,25:02:00,1
            slapuser0,7.0,7-1.0,1.0,30.0,1.0,0.1,1024.0,0.0,0.0,2024-03-05,10:00:30,1

            """)
        let result = try run([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(path):3: expected 12 fields (13 with reported) in a user row, found 4
            acct-import: \(path):4: bad cpu_percent 'x'
            acct-import: \(path):5: bad date and time '2024-03-05 25:02:00'
            acct-import: \(path):6: sample is not later than the one before it of '7-1.0'

            """)
        XCTAssertEqual(result.lines.count, 2)
        XCTAssertTrue(result.lines[0].hasSuffix(#""cpu_seconds":10.0,"io_bytes":0.0,"io_ops":0.0}"#), result.lines[0])
    }
}
