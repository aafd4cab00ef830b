// Fuzz target "expr": arbitrary text as acct-filter's -x expression,
// compiled and, when it compiles, matched against a few records.
import AcctCore
import ExprKit

private let now: Int64 = 1_700_000_000
private let zone = try! Zone(named: "Europe/Brussels")
private let records: [String] = [
    #"{"source":"ovc","account":42,"cloudspace":7,"vm":1001,"type":"vm","status":"RUNNING","image":"Ubuntu 18.04 x64","vcpus":2,"mem_mb":2048.0,"disk_gb":40.0,"cpu_minutes":0.25,"start":"2018-10-01T03:00:00Z","end":"2018-10-01T04:00:00Z"}"#,
    #"{"accountId":42,"cloudspaces":[{"cloudSpaceId":7,"machines":[{"id":0,"type":"routeros","vcpus":0,"networks":[{"id":0,"tx":1.5}]},{"id":1001,"vcpus":4,"disks":[{"id":5000,"size":40.0},{"id":5001,"size":-1e308}]}]}]}"#,
    #"{"user":"alice","uid":2,"name":"x\u00e9\ud83d\ude00","seq":9223372036854775807,"end":null,"tags":[true,false,null,[],{}],"n":-0.0,"big":1e300}"#,
]

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSetUp(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = zone
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    guard let expression = try? Expression(text, zone: zone, now: now) else { return 0 }
    let tape = JSONTape()
    for record in records {
        var line = record
        line.withUTF8 { bytes in
            do {
                try tape.parse(UnsafeRawBufferPointer(bytes))
            } catch {
                fatalError("a seed record does not parse: \(error)")
            }
            _ = expression.matches(tape)
        }
    }
    return 0
}
