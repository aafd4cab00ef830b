// swift-tools-version:6.0
import PackageDescription

// Runtime exclusivity checks cost a third of capnp-cat's time on the
// per-byte output paths (measured with perf); the libraries never overlap
// accesses, so the checks are compiled out there.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"])]

// One room per tool. AcctCore holds what every tool uses (input, output,
// JSON, times, numbers as text, diagnostics, the record vocabulary, the
// shape of a job); each tool adds one engine library of its own, and its
// executable is argument parsing plus a call into that engine:
//
//   capnp-cat    AcctCore + CapnpKit (libcapnp through CCapnp)
//   acct-filter  AcctCore + FilterKit (+ ExprKit, the -x language)
//   acct-slice   AcctCore + SliceKit
//   acct-fmt     AcctCore + FormatKit (+ ExprKit, the language of its
//                computed columns; libxlsxwriter for --xlsx)
//   acct-import  AcctCore + ImportKit (libxml2)
//
// so no tool links another's engine (ExprKit, the expression language, is
// shared by acct-filter and acct-fmt). The OpenVCloud generator (OVCGenKit,
// with the message builder CCapnpBuilder) serves ovc-gen and the tests only.
let package = Package(
    name: "acct-tools",
    products: [
        .executable(name: "capnp-cat", targets: ["capnp-cat"]),
        .executable(name: "acct-filter", targets: ["acct-filter"]),
        .executable(name: "acct-slice", targets: ["acct-slice"]),
        .executable(name: "acct-fmt", targets: ["acct-fmt"]),
        .executable(name: "acct-import", targets: ["acct-import"]),
        .executable(name: "ovc-gen", targets: ["ovc-gen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries: Debian's -dev packages behind small module maps. The
        // tools link their shared objects (only the Swift runtime is static,
        // `--static-swift-stdlib`): libxml2, zlib, libzstd and libcapnp parse
        // untrusted input, and Debian's security updates reach a shared
        // library but not a copy linked in (libxml2's static copy also
        // brought ICU's 30 MB of data into acct-import).
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .target(name: "CNumbers"),
        // RE2 for matches(): linear time in the text (Debian's libre2-dev).
        .target(name: "CRegex", linkerSettings: [.linkedLibrary("re2")]),
        // libxml2 behind a plain C header (its own headers include ICU's,
        // which clash with Foundation's in Swift); Debian's libxml2-dev.
        .target(
            name: "CXMLStream",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]),
        // gzip input, read transparently by every tool (SlapOS day archives
        // are .tar.gz).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        // The decoding half of the libcapnp shim, and the built-in schema's
        // generated code (its header under include/, outside the module map,
        // for the builder).
        .target(
            name: "CCapnp",
            exclude: ["ovc.capnp"],
            linkerSettings: [
                .linkedLibrary("capnpc"),
                .linkedLibrary("capnp"),
                .linkedLibrary("kj"),
            ]),
        // The building half: Account messages for the generator only.
        .target(name: "CCapnpBuilder", dependencies: ["CCapnp"]),

        // sched_getaffinity and mallopt, GNU extensions, for -j.
        .target(name: "CSystem"),
        // The core every tool shares.
        .target(name: "AcctCore", dependencies: ["CZstd", "CZlib", "CNumbers", "CSystem"], swiftSettings: hotPath),
        // Engines, one per tool.
        .target(name: "CapnpKit", dependencies: ["AcctCore", "CCapnp"], swiftSettings: hotPath),
        .target(name: "ExprKit", dependencies: ["AcctCore", "CRegex"], swiftSettings: hotPath),
        .target(name: "FilterKit", dependencies: ["AcctCore", "ExprKit"], swiftSettings: hotPath),
        .target(name: "SliceKit", dependencies: ["AcctCore"], swiftSettings: hotPath),
        // Only acct-fmt loads libxlsxwriter, for --xlsx (and zlib, to put
        // the number text libxlsxwriter rounds right in the written file);
        // its computed columns (-o NAME=EXPR) are in acct-filter's language.
        .target(name: "FormatKit", dependencies: ["AcctCore", "ExprKit", "CXlsxWriter", "CZlib"], swiftSettings: hotPath),
        // Only acct-import loads libxml2, for the OpenNebula XML.
        .target(name: "ImportKit", dependencies: ["AcctCore", "CXMLStream"], swiftSettings: hotPath),
        // The OpenVCloud tree generator and fault corpus (ovc-gen, tests).
        .target(name: "OVCGenKit", dependencies: ["AcctCore", "CapnpKit", "CCapnpBuilder"]),

        // Argument parsing shared by the executables: the common option
        // group and the one mapping from outcome to exit status.
        .target(
            name: "AcctCLI",
            dependencies: ["AcctCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "capnp-cat", dependencies: ["AcctCLI", "CapnpKit"]),
        .executableTarget(name: "acct-filter", dependencies: ["AcctCLI", "FilterKit"]),
        .executableTarget(name: "acct-slice", dependencies: ["AcctCLI", "SliceKit"]),
        .executableTarget(name: "acct-fmt", dependencies: ["AcctCLI", "FormatKit"]),
        .executableTarget(name: "acct-import", dependencies: ["AcctCLI", "ImportKit"]),
        .executableTarget(name: "ovc-gen", dependencies: ["AcctCLI", "CapnpKit", "OVCGenKit"]),

        // Tests: one target per library, the end-to-end tests of the built
        // binaries, and the helpers they share (with the JSON tree parser
        // the tape is checked against).
        .target(name: "_AcctTestSupport", dependencies: ["AcctCore", "CZlib"], path: "Tests/_AcctTestSupport"),
        .testTarget(name: "AcctCoreTests", dependencies: ["AcctCore", "_AcctTestSupport"]),
        .testTarget(name: "CapnpKitTests", dependencies: ["CapnpKit", "OVCGenKit", "_AcctTestSupport"]),
        .testTarget(name: "ExprKitTests", dependencies: ["ExprKit", "_AcctTestSupport"]),
        .testTarget(name: "SliceKitTests", dependencies: ["SliceKit", "_AcctTestSupport"]),
        .testTarget(name: "FormatKitTests", dependencies: ["FormatKit", "_AcctTestSupport"]),
        .testTarget(name: "ImportKitTests", dependencies: ["ImportKit", "_AcctTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["_AcctTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
