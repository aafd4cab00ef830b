// Fuzz target "capnp-raw": arbitrary bytes through the shim's dynamic walk
// (capnp-cat --raw) with the built-in schema, and with the same schema
// loaded at run time (--schema Sources/CCapnp/ovc.capnp --root Account).
import AcctCore
import CapnpKit

private let schema = String(#filePath.dropLast("Fuzz/capnp-raw.swift".count)) + "Sources/CCapnp/ovc.capnp"

private let jobs: [CapnpCatJob] = [false, true].flatMap { loaded in
    [Framing.standard, .packed].map { framing in
        var options = CapnpCatOptions()
        options.common.paths = [FuzzFile.path]
        options.raw = true
        options.framing = framing
        if loaded { options.schema = (schema, "Account") }
        do {
            return try CapnpCatJob(options: options, output: fuzzSink, diagnostics: fuzzDiagnostics)
        } catch {
            fatalError("cannot load \(schema): \(error)")
        }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzSetUp(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = jobs
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCapnpRaw(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzFile.store(fuzzBytes(data, size))
    for job in jobs {
        do { try job.run() } catch { fatalError("output to /dev/null failed: \(error)") }
    }
    return 0
}
