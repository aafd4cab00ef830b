// swift-tools-version:6.0
import PackageDescription

// Runtime exclusivity checks cost a third of capnp-cat's time on the
// per-byte output paths (measured with perf); the libraries never overlap
// accesses, so the checks are compiled out there.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

// The filters link every library statically (Debian's -dev packages ship the
// .a files they need): no dynamic loader and no relocations to resolve at
// start, which took a third of `acct-filter --version` (perf).
let staticExecutable: [LinkerSetting] = [.unsafeFlags(["-static-executable", "-l_FoundationCollections", "-l_FoundationCShims", "-lswiftSynchronization"], .when(configuration: .release))]

// One library (AcctKit) holds the logic every tool shares and does not link
// libcapnp, so the filters start fast. Only capnp-cat (through CapnpKit) loads
// the C++ shim and libcapnp.
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
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .target(name: "CNumbers"),
        // libxml2 behind a plain C header (its own headers include ICU's,
        // which clash with Foundation's in Swift); Debian's libxml2-dev.
        .target(
            name: "CXMLStream",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            // libxml2's own dependencies follow it, for the static link.
            linkerSettings: [.linkedLibrary("xml2"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
                             .linkedLibrary("lzma"), .linkedLibrary("z"), .linkedLibrary("stdc++")]),
        // SlapOS day archives (.tar.gz) are inflated as they are read.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .target(
            name: "CCapnp",
            exclude: ["ovc.capnp"],
            linkerSettings: [
                .linkedLibrary("capnpc"),
                .linkedLibrary("capnp"),
                .linkedLibrary("kj"),
                // After libcapnp, for the C++ runtime its static copy needs.
                .linkedLibrary("stdc++"),
            ]),
        .target(name: "AcctKit", dependencies: ["CZstd", "CNumbers"], swiftSettings: hotPath),
        .target(
            name: "AcctCLI",
            dependencies: ["AcctKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "CapnpKit", dependencies: ["AcctKit", "CCapnp"], swiftSettings: hotPath),
        // Only acct-fmt loads libxlsxwriter, for --xlsx.
        .target(name: "XlsxKit", dependencies: ["AcctKit", "CXlsxWriter"]),
        // Only acct-import loads the importers' C libraries (libxml2, zlib).
        .target(name: "ImportKit", dependencies: ["AcctKit", "CNumbers", "CXMLStream", "CZlib"], swiftSettings: hotPath),
        .executableTarget(name: "acct-import", dependencies: ["AcctCLI", "ImportKit"], linkerSettings: staticExecutable),
        .executableTarget(name: "capnp-cat", dependencies: ["AcctCLI", "CapnpKit"], linkerSettings: staticExecutable),
        .executableTarget(name: "acct-filter", dependencies: ["AcctCLI"], linkerSettings: staticExecutable),
        .executableTarget(name: "acct-slice", dependencies: ["AcctCLI"], linkerSettings: staticExecutable),
        .executableTarget(name: "acct-fmt", dependencies: ["AcctCLI", "XlsxKit"]),
        .executableTarget(name: "ovc-gen", dependencies: ["AcctCLI", "CapnpKit"]),
        .target(name: "_AcctTestSupport", dependencies: ["AcctKit"], path: "Tests/_AcctTestSupport"),
        .testTarget(name: "AcctKitTests", dependencies: ["AcctKit", "_AcctTestSupport"]),
        .testTarget(name: "CapnpKitTests", dependencies: ["CapnpKit", "_AcctTestSupport"]),
        .testTarget(name: "ImportKitTests", dependencies: ["ImportKit", "_AcctTestSupport"]),
        .testTarget(name: "XlsxKitTests", dependencies: ["XlsxKit", "_AcctTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["_AcctTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
