// Fuzz target "csv": arbitrary bytes as the CSV/TSV exports acct-import
// reads (CloudStack cloud_usage, Abiquo accounting tables): the one
// row reader and each importer's use of the rows.
import AcctCore
import ImportKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    fuzzImport(.cloudstack, bytes)
    fuzzImport(.abiquo, bytes)
    return 0
}
