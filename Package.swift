// swift-tools-version: 6.1
// GridMMO: a deterministic Neural-MMO-style multi-agent world, its batched environment and tools.
import PackageDescription

let package = Package(
    name: "GridMMO",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MMOCore", targets: ["MMOCore"]),
        .library(name: "MMOEnv", targets: ["MMOEnv"]),
        .library(name: "MMOTasks", targets: ["MMOTasks"]),
        .library(name: "MMOViewer", targets: ["MMOViewer"]),
        .library(name: "MMONet", targets: ["MMONet"]),
        .library(name: "MMOTrain", targets: ["MMOTrain"]),
        .library(name: "MMOEval", targets: ["MMOEval"]),
        .library(name: "MMOAttack", targets: ["MMOAttack"]),
        // The C ABI for Python and other languages: libGridMMOC.so, declared by Sources/MMOCAPI/gridmmo.h.
        .library(name: "GridMMOC", type: .dynamic, targets: ["MMOCAPI"]),
        .executable(name: "gridmmo", targets: ["gridmmo"]),
    ],
    traits: [
        .trait(name: "Viewer", description: "Build the SDL2 replay viewer (needs libsdl2-dev)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSDL2", pkgConfig: "sdl2", providers: [.apt(["libsdl2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "MMOCore", dependencies: ["CZlib"]),
        .target(name: "MMOEnv", dependencies: ["MMOCore", "MMOTasks"]),
        .target(name: "MMOTasks", dependencies: ["MMOCore"]),
        .target(name: "MMONet", dependencies: ["CBLAS", "MMOCore"]),
        .target(name: "MMOTrain", dependencies: ["MMONet", "MMOEnv", "MMOTasks", "MMOCore"]),
        .target(name: "MMOEval", dependencies: ["MMOEnv", "MMOTasks", "MMOCore"]),
        .target(name: "MMOCAPI", dependencies: ["MMOEnv", "MMOTasks", "MMOCore"], exclude: ["gridmmo.h"]),
        .target(name: "MMOAttack", dependencies: ["MMOTrain", "MMOEval", "MMONet", "MMOEnv", "MMOTasks", "MMOCore"]),
        .target(
            name: "MMOViewer",
            dependencies: ["MMOCore", "CZlib", .target(name: "CSDL2", condition: .when(traits: ["Viewer"]))]
        ),
        .executableTarget(
            name: "gridmmo",
            dependencies: [
                "MMOCore", "MMOEnv", "MMOTasks", "MMOViewer", "MMONet", "MMOTrain", "MMOEval", "MMOAttack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MMOCoreTests", dependencies: ["MMOCore"], exclude: ["Fixtures"]),
        .testTarget(name: "MMOEnvTests", dependencies: ["MMOEnv", "MMOCore"]),
        .testTarget(name: "MMOTasksTests", dependencies: ["MMOTasks", "MMOCore"]),
        .testTarget(name: "gridmmoTests", dependencies: ["gridmmo", "MMOCore", "MMOEnv", "MMOTasks", "MMOEval", "MMOTrain"]),
        .testTarget(name: "MMONetTests", dependencies: ["MMONet"], exclude: ["Fixtures"]),
        .testTarget(name: "MMOTrainTests", dependencies: ["MMOTrain", "MMONet", "MMOEnv", "MMOTasks", "MMOCore"]),
        .testTarget(name: "MMOAttackTests", dependencies: ["MMOAttack", "MMOTrain", "MMONet", "MMOEnv", "MMOTasks", "MMOCore"]),
        .testTarget(name: "MMOEvalTests", dependencies: ["MMOEval", "MMOEnv", "MMOTasks", "MMOCore"], exclude: ["Fixtures"]),
        .testTarget(name: "MMOViewerTests", dependencies: ["MMOViewer", "MMOCore"], exclude: ["Golden"]),
    ]
)
