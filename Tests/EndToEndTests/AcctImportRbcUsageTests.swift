import Foundation
import XCTest
import _AcctTestSupport

/// rbc-usage's report from examples/cloudstack with examples/rbc-usage, the
/// figures worked out by hand from the rows of account 2 in March 2024
/// (the April row and account 3 are outside).
final class AcctImportRbcUsageTests: XCTestCase {
    func testReportMatchesHandWorkedFigures() throws {
        let result = try ToolRunner.shell(
            "examples/rbc-usage/report.sh 2 2024-03-01 2024-03-31 examples/cloudstack/cloud_usage.csv")
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], result.stdoutText)
        XCTAssertEqual(report["account"] as? String, "2")
        // vm_running per offering: 17 ran 24 + 24 + 12.5 h; 18 ran 6.25 h.
        // vm_allocated: 17 for 3 days (72 h), 18 for 2 days (48 h).
        let hours = try XCTUnwrap(report["vm_hours"] as? [[String: Any]])
        XCTAssertEqual(hours.count, 2)
        XCTAssertEqual(hours[0]["offering"] as? Int, 17)
        XCTAssertEqual(hours[0]["vm_running_hours"] as? Double, 60.5)
        XCTAssertEqual(hours[0]["vm_allocated_hours"] as? Double, 72)
        XCTAssertEqual(hours[1]["offering"] as? Int, 18)
        XCTAssertEqual(hours[1]["vm_running_hours"] as? Double, 6.25)
        XCTAssertEqual(hours[1]["vm_allocated_hours"] as? Double, 48)
        // network_bytes_sent: 1 000 000 + 2 500 000 (the 4 000 000 received are not counted).
        XCTAssertEqual((report["network_bytes_sent"] as? [[String: Any]])?.first?["net_tx_bytes"] as? Int, 3_500_000)
        // primary: volume 55, 10 GiB × 72 h = 720 GiB-h; volume 56, 5 GiB × 12 h = 60 GiB-h.
        XCTAssertEqual((report["primary_byte_hours"] as? [[String: Any]])?.first?["size_bytes_hours"] as? Double,
                       780 * 1_073_741_824)
        // secondary: template 2 GiB × 72 h + ISO 0.5 GiB × 24 h + snapshot 1 GiB × 6 h = 162 GiB-h.
        XCTAssertEqual((report["secondary_byte_hours"] as? [[String: Any]])?.first?["size_bytes_hours"] as? Double,
                       162 * 1_073_741_824)
        XCTAssertTrue(result.stdoutText.contains(#"{"size_bytes_hours":837518622720.0}"#), result.stdoutText)
    }

    func testTSVGivesTheSameReport() throws {
        let a = try ToolRunner.shell("examples/rbc-usage/report.sh 2 2024-03-01 2024-03-31 examples/cloudstack/cloud_usage.csv")
        let b = try ToolRunner.shell("examples/rbc-usage/report.sh 2 2024-03-01 2024-03-31 examples/cloudstack/cloud_usage.tsv")
        XCTAssertEqual(a.stdoutText, b.stdoutText)
    }

    func testRangeIsInclusiveOfBothDays() throws {
        // 2 March alone: web-1 ran 24 h, db-1 not at all; volume 55 24 h + volume 56 12 h.
        let result = try ToolRunner.shell(
            "examples/rbc-usage/report.sh 2 2024-03-02 2024-03-02 examples/cloudstack/cloud_usage.csv")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], result.stdoutText)
        let hours = try XCTUnwrap(report["vm_hours"] as? [[String: Any]])
        XCTAssertEqual(hours.map { $0["offering"] as? Int }, [17, 18])
        XCTAssertEqual(hours[0]["vm_running_hours"] as? Double, 24)
        XCTAssertNil(hours[1]["vm_running_hours"] as? Double)
        XCTAssertEqual(hours[1]["vm_allocated_hours"] as? Double, 24)
        XCTAssertEqual((report["primary_byte_hours"] as? [[String: Any]])?.first?["size_bytes_hours"] as? Double,
                       (24 * 10 + 12 * 5) * 1_073_741_824)
    }

    func testDaysAreTheAggregationZonesDaysWhenTZNamesIt() throws {
        // A usage server aggregating in Europe/Paris writes its days in GMT,
        // 23:00 to 22:59:59 (22:00 when the clocks go forward on 31 March).
        let script = "examples/rbc-usage/report.sh 5 2024-03-30 2024-03-31 examples/cloudstack/cloud_usage.outfile.tsv"
        func hours(_ command: String) throws -> [[String: Any]] {
            let result = try ToolRunner.shell(command)
            XCTAssertEqual(result.status, 0, result.stderr)
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], result.stdoutText)
            return try XCTUnwrap(report["vm_hours"] as? [[String: Any]])
        }
        // Paris days hold both windows whole: 24 + 23 h running, 24 h allocated.
        let paris = try hours("TZ=Europe/Paris " + script)
        XCTAssertEqual(paris.map { $0["offering"] as? Int }, [17, 18])
        XCTAssertEqual(paris[0]["vm_running_hours"] as? Double, 47)
        XCTAssertEqual(paris[1]["vm_allocated_hours"] as? Double, 24)
        // UTC days cut the first window an hour after it began.
        let utc = try hours(script)
        XCTAssertEqual(utc[0]["vm_running_hours"] as? Double, 46)
        XCTAssertEqual(utc[1]["vm_allocated_hours"] as? Double, 23)
    }

    func testGBMonths() throws {
        // 780 GiB-h / 720 h = 1.0833 GB-months.
        let result = try ToolRunner.shell(
            "examples/rbc-usage/gb-month.sh 2 2024-03-01 2024-03-31 examples/cloudstack/cloud_usage.csv")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, "1.0833 GB-months\n")
    }

    func testGBMonthsWantsAnAccountARangeAndFiles() throws {
        for arguments in ["", "2 2024-03-01 2024-03-31"] {
            let result = try ToolRunner.shell("examples/rbc-usage/gb-month.sh \(arguments)")
            XCTAssertEqual(result.status, 64, arguments)
            XCTAssertEqual(result.stderr, "usage: gb-month.sh ACCOUNT START END FILE...\n")
            XCTAssertEqual(result.stdoutText, "")
        }
    }

    func testGBMonthsSaysWhenAnAccountHasNoUsage() throws {
        // Account 3 ran a VM in March but kept no volume; account 2's volumes are March's only.
        for (account, start, end) in [("3", "2024-03-01", "2024-03-31"), ("2", "2024-04-02", "2024-04-30")] {
            let result = try ToolRunner.shell(
                "examples/rbc-usage/gb-month.sh \(account) \(start) \(end) examples/cloudstack/cloud_usage.csv")
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.stderr, "gb-month.sh: account \(account) has no volume usage from \(start) to \(end)\n")
            XCTAssertEqual(result.stdoutText, "")
        }
    }

    func testGBMonthsStopsAtABadInput() throws {
        let result = try ToolRunner.shell("examples/rbc-usage/gb-month.sh 2 2024-03-01 2024-03-31 no-such-file.csv")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-import: no-such-file.csv: no such file or directory\n")
        XCTAssertEqual(result.stdoutText, "")
    }
}
