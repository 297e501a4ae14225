// swift-tools-version: 6.1
// GridMMO benchmarks (ordo-one/benchmark), kept in a nested package so normal builds stay fast.
// Run with `make bench` from the repository root.
import PackageDescription

let package = Package(
    name: "GridMMOBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "GridMMO", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StepBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MMOCore", package: "GridMMO"),
                .product(name: "MMOEnv", package: "GridMMO"),
                .product(name: "MMOTasks", package: "GridMMO"),
            ],
            path: "Benchmarks/StepBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TrainingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MMOCore", package: "GridMMO"),
                .product(name: "MMONet", package: "GridMMO"),
                .product(name: "MMOTasks", package: "GridMMO"),
                .product(name: "MMOTrain", package: "GridMMO"),
            ],
            path: "Benchmarks/TrainingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
