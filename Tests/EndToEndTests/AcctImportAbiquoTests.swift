import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from abiquo on examples/abiquo: lifetimes and hourly
/// detail rows, with the unit-hours worked out by hand.
final class AcctImportAbiquoTests: XCTestCase {
    private let vm = "examples/abiquo/accounting_event_vm.csv"
    private let detail = "examples/abiquo/accounting_event_detail.tsv"

    private func run(_ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "abiquo"] + arguments)
    }

    func testLifetimesBecomeRecords() throws {
        let result = try run([vm])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [
            #"{"source":"abiquo","start":"2024-03-01T09:30:00Z","end":"2024-03-01T11:00:00Z","account":7,"vdc":3,"vapp":12,"vm":100,"seq":1,"vcpus":2,"mem_mb":2048,"disk_bytes":21474836480}"#,
            #"{"source":"abiquo","start":"2024-03-01T11:00:00Z","end":"2024-03-01T12:15:00Z","account":7,"vdc":3,"vapp":12,"vm":100,"seq":2,"vcpus":4,"mem_mb":4096,"disk_bytes":21474836480}"#,
            // stopTime NULL: still running.
            #"{"source":"abiquo","start":"2024-03-01T10:00:00Z","end":null,"account":7,"vdc":3,"vapp":12,"vm":101,"seq":3,"vcpus":1,"mem_mb":1024,"disk_bytes":10737418240}"#,
            #"{"source":"abiquo","start":"2024-03-01T08:00:00Z","end":"2024-03-01T08:20:00Z","account":8,"vdc":5,"vapp":20,"vm":102,"seq":4,"vcpus":1,"mem_mb":512,"disk_bytes":5368709120}"#,
        ])
    }

    func testLifetimesRollUpToUnitHours() throws {
        // Enterprise 7 until 13:00: VM 100 at 2 vCPU for 1.5 h and 4 vCPU for 1.25 h, VM 101 at 1 vCPU for 3 h.
        let result = try ToolRunner.shell(
            "acct-import --from abiquo \(vm) | acct-filter -a 7 | acct-slice --every total --by account --until 2024-03-01T13:00:00Z 2>/dev/null")
        XCTAssertEqual(result.lines, [
            #"{"start":"2024-03-01T09:30:00Z","end":"2024-03-01T13:00:00Z","account":7,"records":3,"seconds":20700,"disk_bytes_hours":91268055040.0,"mem_mb_hours":11264.0,"vcpus_hours":11.0}"#,
        ])
        // Abiquo bills a partial hour as a whole one at its largest size: --round-up per VM.
        let hourly = try ToolRunner.shell(
            "acct-import --from abiquo \(vm) | acct-filter -a 7 | acct-slice --round-up --by vm -s 2024-03-01T00:00:00Z -e 2024-03-01T13:00:00Z 2>/dev/null | acct-slice --every total --by vm 2>/dev/null | acct-fmt --csv -o vm,vcpus_hours")
        // VM 100: hours 9 and 10 at 2, 11 and 12 at 4; VM 101: hours 10, 11, 12 at 1.
        XCTAssertEqual(hourly.stdoutText, "vm,vcpus_hours\n100,12.0\n101,3.0\n")
    }

    func testDetailRowsAndUnknownResourceType() throws {
        let result = try run([detail])
        XCTAssertEqual(result.status, 1)
        // Reported once, at its first row; both rows kept with the raw code.
        XCTAssertEqual(result.stderr, "acct-import: \(detail):17: unknown resource type 23, kept with its resourceUnits\n")
        XCTAssertEqual(result.lines.count, 17)
        XCTAssertEqual(result.lines[0], #"{"source":"abiquo","start":"2024-03-01T09:00:00Z","end":"2024-03-01T10:00:00Z","account":7,"account_name":"acme","vdc":3,"vdc_name":"vdc-paris","vapp":12,"vapp_name":"shop","vm":100,"name":"web-100","resource_type":1,"resource":"VirtualMachine-vcpu","resource_name":"web-100","vcpus":2}"#)
        XCTAssertEqual(result.lines[3], #"{"source":"abiquo","start":"2024-03-01T09:00:00Z","end":"2024-03-01T10:00:00Z","account":7,"account_name":"acme","vdc":3,"vdc_name":"vdc-paris","vapp":12,"vapp_name":"shop","resource_type":5,"resource":"IPAddress","resource_name":"10.0.0.5","ips":1}"#)
        XCTAssertEqual(result.lines[15], #"{"source":"abiquo","start":"2024-03-01T10:00:00Z","end":"2024-03-01T11:00:00Z","account":7,"account_name":"acme","vdc":3,"vdc_name":"vdc-paris","vapp":12,"vapp_name":"shop","vm":100,"name":"web-100","resource_type":23,"resource_name":"web-100","units":5}"#)
    }

    func testDetailRowsAddUpLikeAbiquosDailyView() throws {
        // DAILY_USAGE_SUM_VW: vCPU 2 + 2 + 4, RAM 2048 + 2048 + 4096, 3 h of a 20 GiB disk and of one IP.
        let result = try ToolRunner.shell(
            "acct-import --from abiquo \(detail) 2>/dev/null | acct-slice --every day --by account 2>/dev/null")
        XCTAssertEqual(result.lines, [
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":7,"records":17,"seconds":61200,"disk_bytes_hours":64424509440.0,"hypervisor_type_hours":3.0,"ips_hours":3.0,"mem_mb_hours":8192.0,"vcpus_hours":8.0}"#,
        ])
    }

    func testTimesAreUTCWhateverTZ() throws {
        // Abiquo keeps its TIMESTAMPs in UTC; an export made with
        // time_zone='+00:00' shows them so, and TZ does not move them.
        let utc = try run([vm, detail])
        let paris = try ToolRunner.run("acct-import", ["--from", "abiquo", vm, detail], environment: ["TZ": "Europe/Paris"])
        XCTAssertEqual(paris.status, 1)
        XCTAssertEqual(paris.stdoutText, utc.stdoutText)
        // An export made in the session zone Europe/Paris: --tz says so.
        let told = try ToolRunner.run("acct-import", ["--from", "abiquo", "--tz", "Europe/Paris", vm], environment: ["TZ": "UTC"])
        XCTAssertEqual(told.status, 0, told.stderr)
        XCTAssertTrue(told.lines[0].hasPrefix(#"{"source":"abiquo","start":"2024-03-01T08:30:00Z","end":"2024-03-01T10:00:00Z","#), told.lines[0])
    }

    func testRoundUpAgainstAbiquosHours() throws {
        // One vCPU from 10:00:00 to 12:00:00 exactly, and one from 10:20 to
        // 11:40. Abiquo's hourly job bills both neighbours of an exact
        // boundary (09:00, 10:00, 11:00 and 12:00: 4 vCPU-hours for the
        // first); acct-slice --round-up keeps half-open hours: 2 and 2.
        let dir = try TempDir()
        let path = try dir.write("vm.csv", """
            idVM,idEnterprise,cpu,ram,hd,startTime,stopTime
            1,7,1,1024,0,2024-03-01 10:00:00,2024-03-01 12:00:00
            2,7,1,1024,0,2024-03-01 10:20:00,2024-03-01 11:40:00

            """)
        let result = try ToolRunner.shell(
            "acct-import --from abiquo \(path) | acct-slice --round-up --by vm 2>/dev/null | acct-slice --every total --by vm 2>/dev/null | acct-fmt --csv -o vm,records,vcpus_hours")
        XCTAssertEqual(result.stdoutText, "vm,records,vcpus_hours\n1,2,2.0\n2,2,2.0\n")
    }

    func testResourceNameThatIsAnIdIsRefused() throws {
        // kinton_accounting.accounting_event_detail itself, as exported:
        // names are ids into object_name, ent_name and the like.
        let dir = try TempDir()
        let path = try dir.write("detail.tsv", """
            idAccountingEvent\tstartTime\tendTime\tidAccountingResourceType\tresourceType\tresourceUnits\tresourceName\tidEnterprise\tidVirtualDataCenter\tidVirtualApp\tidVirtualMachine\tcostCode\tidStorageTier\tversion_c
            1\t2024-03-01 09:00:00\t2024-03-01 10:00:00\t1\t3\t2\t42\t7\t3\t12\t100\tNULL\tNULL\t0
            2\t2024-03-01 09:00:00\t2024-03-01 10:00:00\t5\t8\t1\t43\t7\t3\t12\tNULL\tNULL\tNULL\t0

            """)
        let result = try run([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "")
        XCTAssertEqual(result.stderr, """
            acct-import: \(path):2: resourceName '42' is an id, not a name: export HOURLY_USAGE_MAX_VW, which joins the names in
            acct-import: \(path):3: resourceName '43' is an id, not a name: export HOURLY_USAGE_MAX_VW, which joins the names in

            """)
    }

    func testBadRows() throws {
        let dir = try TempDir()
        let path = try dir.write("vm.csv", """
            idVM,idEnterprise,cpu,ram,hd,startTime,stopTime
            1,7,2,1024,0,2024-03-01 09:00:00,2024-03-01 08:00:00
            2,7,two,1024,0,2024-03-01 09:00:00,NULL
            3,7,1,1024,0,2024-13-01 09:00:00,NULL
            4,7,1,1024
            5,7,1,1024,0,2024-03-01 09:00:00,NULL

            """)
        let result = try run([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(path):2: stopTime is before startTime
            acct-import: \(path):3: bad cpu 'two'
            acct-import: \(path):4: bad startTime '2024-13-01 09:00:00'
            acct-import: \(path):5: expected 7 fields, found 4

            """)
        XCTAssertEqual(result.lines, [#"{"source":"abiquo","start":"2024-03-01T09:00:00Z","end":null,"account":7,"vm":5,"vcpus":1,"mem_mb":1024,"disk_bytes":0}"#])
        let missing = try dir.write("d.csv", "startTime,endTime,idAccountingResourceType,resourceUnits\n")
        let noColumn = try run([missing])
        XCTAssertEqual(noColumn.stderr, "acct-import: \(missing):1: no idEnterprise column in the header of accounting_event_detail rows\n")
    }
}
