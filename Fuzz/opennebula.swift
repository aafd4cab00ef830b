// Fuzz target "opennebula": arbitrary bytes as `onevm show -x`/HISTORY_RECORDS
// XML through acct-import --from opennebula (libxml2's reader and the
// importer's handler).
import AcctCore
import ImportKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpenNebula(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzImport(.opennebula, fuzzBytes(data, size))
    return 0
}
