import AcctCore
import Foundation
import _AcctTestSupport

@testable import FormatKit

/// acct-fmt's job on `input` (NDJSON text) with the options `configure`
/// sets, to a file in `dir`; what it wrote to its output.
func rendered(_ input: String, in dir: TempDir, _ configure: (inout FormatOptions) throws -> Void) throws -> [UInt8] {
    var options = FormatOptions()
    options.common = CommonOptions(paths: [try dir.write("in.ndjson", input)])
    try configure(&options)
    let sink = try ByteSink(path: dir.path("out"))
    try FormatJob(options: options, output: sink, diagnostics: Diagnostics(tool: "acct-fmt")).run()
    try sink.finish()
    return try dir.read("out")
}

/// The same, as text.
func renderedText(_ input: String, in dir: TempDir, _ configure: (inout FormatOptions) throws -> Void) throws -> String {
    String(decoding: try rendered(input, in: dir, configure), as: UTF8.self)
}
