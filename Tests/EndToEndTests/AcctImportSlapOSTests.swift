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
            "acct-import: \(archive):2024-03-02/dump_system.csv:1: net_in_bytes of the host went back from 1600000 to 500000; counted as a reset\n")
        let s = #"{"source":"slapos","#
        XCTAssertEqual(result.lines, [
            // cpu_time 100 -> 130, io_rw 1000 -> 5000, io_cycles 10 -> 20.
            s + #""start":"2024-03-01T23:57:00Z","end":"2024-03-01T23:58:00Z",\#(process),"cpu_percent":50,"threads":4,"memory_percent":1.5,"rss_bytes":104857600,"cpu_seconds":30,"io_bytes":4000,"io_ops":10}"#,
            s + #""start":"2024-03-01T23:58:00Z","end":"2024-03-01T23:59:00Z",\#(process),"cpu_percent":25,"threads":4,"memory_percent":1.5,"rss_bytes":104857600,"cpu_seconds":15.5,"io_bytes":0,"io_ops":0}"#,
            // net_in 1000000 -> 1600000, errors 0 -> 1, net_out 2000000 -> 2500000.
            s + #""start":"2024-03-01T23:58:00Z","end":"2024-03-01T23:59:00Z","table":"system","loadavg":0.5,"cpu_percent":12.5,"mem_used_bytes":1073741824,"mem_free_bytes":3221225472,"net_rx_bytes":600000,"net_rx_errors":1,"net_rx_dropped":0,"net_tx_bytes":500000,"net_tx_errors":0,"net_tx_dropped":0}"#,
            // The day's last sample waits for the next day's first (from the archive):
            // net_in fell from 1600000 to 500000, a reset: the growth is 500000.
            s + #""start":"2024-03-01T23:59:00Z","end":"2024-03-02T00:00:00Z","table":"system","loadavg":0.75,"cpu_percent":20,"mem_used_bytes":1073741824,"mem_free_bytes":3221225472,"net_rx_bytes":500000,"net_rx_errors":0,"net_rx_dropped":0,"net_tx_bytes":100000,"net_tx_errors":0,"net_tx_dropped":0}"#,
            s + #""start":"2024-03-02T00:00:00Z","end":"2024-03-02T00:01:00Z","table":"system","loadavg":1,"cpu_percent":30,"mem_used_bytes":2147483648,"mem_free_bytes":2147483648,"net_rx_bytes":300000,"net_rx_errors":0,"net_rx_dropped":0,"net_tx_bytes":100000,"net_tx_errors":0,"net_tx_dropped":0}"#,
            // cpu_time 145.5 -> 205.5 over midnight, then 265.5.
            s + #""start":"2024-03-01T23:59:00Z","end":"2024-03-02T00:00:00Z",\#(process),"cpu_percent":0,"threads":5,"memory_percent":2,"rss_bytes":209715200,"cpu_seconds":60,"io_bytes":4000,"io_ops":10}"#,
            s + #""start":"2024-03-02T00:00:00Z","end":"2024-03-02T00:01:00Z",\#(process),"cpu_percent":100,"threads":5,"memory_percent":2,"rss_bytes":209715200,"cpu_seconds":60,"io_bytes":3000,"io_ops":10}"#,
            // Process 999 was seen once: held --max-gap (120 s), no counter growth known.
            s + #""start":"2024-03-01T23:57:00Z","end":"2024-03-01T23:59:00Z","table":"user","user":"slapuser1","pid":999,"process":"999-1709300000.5","cpu_percent":10,"threads":1,"memory_percent":0.5,"rss_bytes":1048576}"#,
            // 00:01 to 00:05 is longer than --max-gap: held 120 s, counters start again.
            s + #""start":"2024-03-02T00:01:00Z","end":"2024-03-02T00:03:00Z",\#(process),"cpu_percent":100,"threads":5,"memory_percent":2,"rss_bytes":209715200}"#,
            // The archive's folder dump (4096 KiB); dump_computer.csv is passed over.
            s + #""start":"2024-03-02T00:00:10Z","end":"2024-03-02T00:02:10Z","table":"folder","user":"slapuser0","disk_bytes":4194304}"#,
            // At the end, the last samples are held --max-gap.
            s + #""start":"2024-03-02T00:01:00Z","end":"2024-03-02T00:03:00Z","table":"system","loadavg":1,"cpu_percent":30,"mem_used_bytes":2147483648,"mem_free_bytes":2147483648}"#,
            s + #""start":"2024-03-02T00:05:00Z","end":"2024-03-02T00:07:00Z",\#(process),"cpu_percent":0,"threads":5,"memory_percent":2,"rss_bytes":209715200}"#,
        ])
    }

    func testMaxGapAndTableFlag() throws {
        // Folder sizes are taken once a day: hold them a day.
        let result = try run(["--max-gap", "86400", "\(day1)/dump_folder.csv", archive])
        let folder = result.lines.filter { $0.contains(#""table":"folder""#) }
        XCTAssertEqual(folder, [
            #"{"source":"slapos","start":"2024-03-01T00:00:10Z","end":"2024-03-02T00:00:10Z","table":"folder","user":"slapuser0","disk_bytes":2097152}"#,
            #"{"source":"slapos","start":"2024-03-02T00:00:10Z","end":"2024-03-03T00:00:10Z","table":"folder","user":"slapuser0","disk_bytes":4194304}"#,
        ])
        let stdin = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("\(day1)/dump_folder.csv"))
        let named = try ToolRunner.run("acct-import", ["--from", "slapos", "--table", "folder"], stdin: stdin)
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.lines, [#"{"source":"slapos","start":"2024-03-01T00:00:10Z","end":"2024-03-01T00:02:10Z","table":"folder","user":"slapuser0","disk_bytes":2097152}"#])
        let unnamed = try ToolRunner.run("acct-import", ["--from", "slapos"], stdin: stdin)
        XCTAssertEqual(unnamed.status, 1)
        XCTAssertEqual(unnamed.stderr, "acct-import: <stdin>: cannot tell the collector table from the file name (give --table)\n")
        let computer = try ToolRunner.run("acct-import", ["--from", "slapos", "--table", "computer"], stdin: stdin)
        XCTAssertEqual(computer.stderr, "acct-import: <stdin>: table 'computer' holds no usage and is not imported\n")
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
        XCTAssertEqual(users.filter { $0.contains(#""cpu_seconds":1,"#) }.count, users.count - 1)
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
        XCTAssertTrue(result.lines[0].hasSuffix(#""cpu_seconds":10,"io_bytes":0,"io_ops":0}"#), result.lines[0])
    }
}
