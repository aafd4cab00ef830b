// Fuzz target "time": the command line's time parser (TimeSpec: RFC 3339,
// dates, `@EPOCH`, `now`, `-7d`) in two zones, and the stream's RFC 3339
// parser, whose every parse must print back to the same instant.
import AcctCore

private let now: Int64 = 1_700_000_000
private let zones = [Zone.utc, try! Zone(named: "Europe/Brussels"), try! Zone(named: "America/St_Johns")]

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSetUp(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = zones
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTime(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    for zone in zones {
        for endOfDay in [false, true] {
            _ = try? TimeSpec.parse(text, zone: zone, now: now, endOfDay: endOfDay)
        }
    }
    // Instants past 9999 or before 0000 print as expanded years, which are not
    // RFC 3339 (RFC3339.format says so): only those within read back.
    if let epoch = RFC3339.parse(bytes), (-62_167_219_200...253_402_300_799).contains(epoch) {
        let printed = RFC3339.string(epoch)
        guard RFC3339.parse(printed) == epoch else {
            fatalError("RFC 3339 round trip: \(text) -> \(epoch) -> \(printed) -> \(String(describing: RFC3339.parse(printed)))")
        }
        _ = zones[1].local(epoch)
    }
    return 0
}
