// Fuzz target "ndjson": arbitrary bytes as a record stream through the
// three filters' jobs (line reader, JSON tape, selection, slicing, roll-up,
// formatting), as acct-filter, acct-slice and acct-fmt run them.
import AcctCore
import ExprKit
import FilterKit
import FormatKit
import SliceKit

private let now: Int64 = 1_700_000_000
private let zone = try! Zone(named: "Europe/Brussels")
private let expression = try! Expression(
    #"vcpus > 2 or //status = "RUNNING" or contains(name, "x") or sum(//disks/size) >= 10"#, zone: zone, now: now)

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSetUp(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = expression
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNDJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzFile.store(fuzzBytes(data, size))
    let diagnostics = Diagnostics(tool: "fuzz", fileDescriptor: FuzzFile.devNull)
    do {
        // acct-filter -s 2018-01-01 -x EXPR, and -v -c.
        var filter = FilterOptions()
        filter.common.paths = [path]
        filter.selection.window.start = 1_514_764_800
        filter.selection.expression = expression
        try FilterJob(options: filter, output: sink(), diagnostics: diagnostics).run()
        filter.invert = true
        filter.countOnly = true
        try FilterJob(options: filter, output: sink(), diagnostics: diagnostics).run()

        // acct-slice --every day --by account,vm in a one-month window: the
        // window bounds the rows a single record can give.
        var slice = SliceOptions(grid: Grid(unit: .day, zone: zone))
        slice.common.paths = [path]
        slice.window = (1_538_352_000, 1_541_030_400)
        slice.until = slice.window.end
        slice.by = ["account", "vm"]
        try SliceJob(options: slice, output: sink(), diagnostics: diagnostics).run()
        slice.by = []
        slice.grid = Grid(unit: .fixed(seconds: 3600), zone: .utc)
        slice.window = (1_538_352_000, 1_538_352_000 + 86_400)
        try SliceJob(options: slice, output: sink(), diagnostics: diagnostics).run()

        // acct-fmt: a table sized to fit, and CSV.
        var format = FormatOptions()
        format.common.paths = [path]
        format.fit = true
        try FormatJob(options: format, output: sink(), diagnostics: diagnostics).run()
        format.style = .csv
        format.fit = false
        format.rawUnits = true
        try FormatJob(options: format, output: sink(), diagnostics: diagnostics).run()
    } catch {
        fatalError("output to /dev/null failed: \(error)")
    }
    return 0
}

private func sink() -> ByteSink {
    try! ByteSink(fileDescriptor: FuzzFile.devNull, name: "<null>", threshold: 1 << 16)
}
