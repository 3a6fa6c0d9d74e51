// swift-tools-version: 6.0
import PackageDescription

/// Compiler settings every target shares.
let strictSettings: [SwiftSetting] = [
    // `any P` must be spelled out, so existential costs are visible at the call site.
    .enableUpcomingFeature("ExistentialAny"),
    // A file sees only the members of modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // Imports are internal unless marked `public import`, so the library's API leaks no dependency.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "DecisionLog",
    products: [
        .library(name: "DecisionLog", targets: ["DecisionLog"]),
        .executable(name: "decisionlog", targets: ["decisionlog"]),
    ],
    targets: [
        // Hot kernels in C where Swift cannot reach the hardware: SHA-256 with the CPU's SHA instructions.
        .target(name: "DecisionLogKernels"),
        // All domain logic: the event model, validation, sealing, the log store, reading, rendering.
        .target(name: "DecisionLog", dependencies: ["DecisionLogKernels"], swiftSettings: strictSettings),
        // The command-line layer: argument parsing, help, command wiring and exit codes.
        .target(name: "DecisionLogCLI", dependencies: ["DecisionLog"], swiftSettings: strictSettings),
        // The `decisionlog` executable: hands its arguments to DecisionLogCLI and exits with its code.
        .executableTarget(name: "decisionlog", dependencies: ["DecisionLogCLI"], swiftSettings: strictSettings),
        // What the tests and the benchmarks' log generator share: the seeded random source and the tests' tags.
        .target(name: "DecisionLogTestSupport", dependencies: ["DecisionLog"], path: "Tests/DecisionLogTestSupport", swiftSettings: strictSettings),
        // Benchmark support: writes realistic logs of any size (Tools/generate-log/main.swift).
        .executableTarget(name: "generate-log", dependencies: ["DecisionLog", "DecisionLogTestSupport"], path: "Tools/generate-log", swiftSettings: strictSettings),
        // Benchmark support: appends from many threads of one process (Tools/bench/postgres.sh's in-process line).
        .executableTarget(name: "append-loop", dependencies: ["DecisionLog"], path: "Tools/append-loop", swiftSettings: strictSettings),
        .testTarget(name: "DecisionLogTests", dependencies: ["DecisionLog", "DecisionLogKernels", "DecisionLogTestSupport"], exclude: ["Fixtures"],
                    swiftSettings: strictSettings),
        .testTarget(
            name: "DecisionLogCLITests",
            dependencies: ["DecisionLogCLI", "DecisionLog", "decisionlog", "DecisionLogTestSupport"],
            exclude: ["Golden", "Fixtures"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
