// Fuzz target "fastpaths": each fast path against the slow path it stands
// in for, on the same input. The input is an expression, a newline, and a
// record line:
//  - JSONTape.parse (the flat-record scanner first, decimals packed or
//    not) against parseFully (the full scanner alone): the same error, or
//    the same tape node for node, numbers read to the same bits;
//  - Expression.matches (the compiled plan of and, or and child-constant
//    comparisons) against matchesWithoutPlan (the general evaluator).
// A difference is a crash, with both results in the message.
import AcctCore
import ExprKit

private let now: Int64 = 1_700_000_000
private let zone = try! Zone(named: "Europe/Brussels")
private let fast = JSONTape()
private let full = JSONTape()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSetUp(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = zone
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFastPaths(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let newline = bytes.firstIndex(of: 10)
    let record = newline.map { UnsafeRawBufferPointer(rebasing: bytes[($0 + 1)...]) } ?? bytes
    var fastError: JSONParseError?
    var fullError: JSONParseError?
    // Half the inputs with short decimals packed as they are scanned: their
    // values must still be those the full scan reads from the text.
    do throws(JSONParseError) { try fast.parse(record, packingDecimals: size % 2 == 1) } catch { fastError = error }
    do throws(JSONParseError) { try full.parseFully(record) } catch { fullError = error }
    guard fastError == fullError else {
        fatalError("parse: \(String(describing: fastError)), parseFully: \(String(describing: fullError))")
    }
    guard fastError == nil else { return 0 }
    compareTapes(record)
    guard let newline else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<newline]), as: UTF8.self)
    guard let expression = try? Expression(text, zone: zone, now: now) else { return 0 }
    // The plan is compiled at the first match: twice, so a plan that keeps
    // state from record to record is caught too.
    for _ in 0..<2 {
        let planned = expression.matches(fast)
        let general = expression.matchesWithoutPlan(fast)
        if planned != general { fatalError("plan: \(planned), general evaluator: \(general), for \(text)") }
    }
    return 0
}

/// Node for node: kind, extent, key, text and number.
private func compareTapes(_ record: UnsafeRawBufferPointer) {
    guard fast.count == full.count else { fatalError("tape sizes \(fast.count) and \(full.count)") }
    for node in 0..<fast.count {
        let kind = fast.kind(node)
        guard kind == full.kind(node), fast.end(node) == full.end(node),
              same(fast.keyBytes(node), full.keyBytes(node)),
              fast.rawBytes(node).elementsEqual(full.rawBytes(node)) else {
            fatalError("tapes differ at node \(node)")
        }
        switch kind {
        case .int, .float:
            guard kind != .int || fast.int64(node) == full.int64(node),
                  kind != .int || fast.isWideInteger(node) == full.isWideInteger(node),
                  fast.double(node).bitPattern == full.double(node).bitPattern else {
                fatalError("numbers differ at node \(node)")
            }
            // A short decimal is read from the shape the scanner kept:
            // it must be the value of its text.
            if kind == .float {
                let text = fast.rawBytes(node).assumingMemoryBound(to: UInt8.self)
                guard fast.double(node).bitPattern == NumberText.jsonFloat(text).bitPattern else {
                    fatalError("float at node \(node) is not the value of its text")
                }
            }
            if kind == .int && fast.isWideInteger(node) && fast.integer(node) != full.integer(node) {
                fatalError("wide integers differ at node \(node)")
            }
        case .string:
            guard fast.string(node) == full.string(node) else { fatalError("strings differ at node \(node)") }
        case .object, .array:
            guard fast.childCount(node) == full.childCount(node) else { fatalError("child counts differ at node \(node)") }
        default:
            break
        }
    }
}

private func same(_ a: UnsafeRawBufferPointer?, _ b: UnsafeRawBufferPointer?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (a?, b?): return a.elementsEqual(b)
    default: return false
    }
}
