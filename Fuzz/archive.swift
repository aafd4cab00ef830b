// Fuzz target "archive": arbitrary bytes as a SlapOS day archive through
// acct-import --from slapos: gzip streamed (members, padding, cut data),
// the tar reader (octal and base-256 sizes, GNU long names, pax headers,
// checksums, cut members) and each dump member, compressed or not, as the
// importer reads it. An input that is neither gzip nor tar is refused at
// once, so the seeds are archives (see Fuzz/run.sh).
import AcctCore
import ImportKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzImport(.slapos, fuzzBytes(data, size))
    return 0
}
