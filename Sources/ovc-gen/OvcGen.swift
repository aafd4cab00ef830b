import AcctCLI
import AcctCore
import ArgumentParser
import CapnpKit
import OVCGenKit

@main
struct OvcGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ovc-gen",
        abstract: "Make OpenVCloud billing trees (and a fault corpus) for examples, tests and benchmarks.",
        discussion: """
            A development tool: the same seed gives the same bytes on every machine. \
            With --totals it also writes per-account sums of what it wrote, one JSON line \
            per account, for checking capnp-cat against.
            """,
        version: AcctVersion.line(for: "ovc-gen"))

    static func main() { ToolMain.run(Self.self) }

    @Option(help: "Folder to write the tree (or the fault files) into.")
    var out: String

    @Option(help: "Seed of the pseudo-random values.")
    var seed: UInt64 = 1

    @Option(help: "Number of accounts.")
    var accounts = 3

    @Option(help: "Most cloudspaces per account.")
    var cloudspaces = 2

    @Option(help: "Most virtual machines per cloudspace.")
    var vms = 4

    @Option(help: "Number of hours.")
    var hours = 48

    @Option(help: "First hour (UTC), as capnp-cat reads times.")
    var start = "2018-10-01"

    @Flag(help: "Write packed messages.")
    var packed = false

    @Option(help: "Write per-account totals (JSON lines) to this file.")
    var totals: String?

    @Flag(help: "Write the fault corpus (one bad file per case) instead of a tree.")
    var faults = false

    func run() throws {
        try Tool.run(name: "ovc-gen") { _, _ in
            if faults {
                try OVCFaults.write(to: out)
                return
            }
            var generator = OVCGenerator()
            generator.seed = seed
            generator.accounts = accounts
            generator.cloudspaces = cloudspaces
            generator.vms = vms
            generator.hours = hours
            generator.start = try CommonOptions().time(start, flag: "--start")!
            generator.framing = packed ? .packed : .standard
            let result = try generator.write(to: out)
            if let totals {
                try OVCGenerator.writeTotals(result, to: totals)
            }
        }
    }
}
