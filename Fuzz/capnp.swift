// Fuzz target "capnp": arbitrary bytes as a capnp-cat input file, decoded
// by the C++ shim with the built-in OpenVCloud schema into flat records,
// in the standard framing and as --packed.
import AcctCore
import CapnpKit

private let jobs: [CapnpCatJob] = [Framing.standard, .packed].map { framing in
    var options = CapnpCatOptions()
    options.common.paths = [FuzzFile.path]
    options.framing = framing
    options.time = 1_538_362_800
    return try! CapnpCatJob(options: options, output: fuzzSink, diagnostics: fuzzDiagnostics)
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSetUp(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = jobs
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCapnp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzFile.store(fuzzBytes(data, size))
    for job in jobs {
        do { try job.run() } catch { fatalError("output to /dev/null failed: \(error)") }
    }
    return 0
}
