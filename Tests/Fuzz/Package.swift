// swift-tools-version: 6.1
// libFuzzer targets for GridMMO's readers, kept in a nested package so that normal builds never
// see them. `make fuzz` builds them with coverage and the address sanitizer and runs each on its
// seed corpus (`Corpus/<target>/`); `make test` runs each briefly, and replays every input that
// ever crashed one (`Regressions/<target>/`).
import PackageDescription

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: "GridMMO") },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "GridMMOFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        // With the viewer (SDL), so that the same instrumented build gives `make asan-smoke` its CLI.
        .package(name: "GridMMO", path: "../..", traits: ["Viewer"]),
    ],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        fuzzTarget("FuzzReplay", ["MMOCore", "MMOViewer"]),
        fuzzTarget("FuzzNpy", ["MMOCore"]),
        fuzzTarget("FuzzConfig", ["MMOCore"]),
        fuzzTarget("FuzzCurriculum", ["MMOCore", "MMOTasks"]),
        fuzzTarget("FuzzCheckpoint", ["MMONet"]),
    ]
)
