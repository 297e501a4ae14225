import Foundation
import Testing
@testable import MMOCore

/// The map sets committed under maps/ load, match their seeds, and keep evaluation disjoint.
struct ShippedMapsTests {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func trainingAndEvaluationSetsLoadAndAreDisjoint() throws {
        let train = try MapSet.load(directory: root.appendingPathComponent("maps/train").path, config: .default)
        let eval = try MapSet.load(directory: root.appendingPathComponent("maps/eval").path, config: .default)
        #expect(train.maps.count >= 64)
        #expect(eval.maps.count >= 16)
        let trainSeeds = Set(train.entries.compactMap(\.seed))
        let evalSeeds = Set(eval.entries.compactMap(\.seed))
        #expect(trainSeeds.count == train.maps.count && evalSeeds.count == eval.maps.count)
        #expect(trainSeeds.isDisjoint(with: evalSeeds))
        #expect(Set(train.maps.map(\.materials)).isDisjoint(with: Set(eval.maps.map(\.materials))))
        // Each shipped map is exactly what its seed generates.
        for (entry, map) in zip(train.entries, train.maps).prefix(2) {
            #expect(TerrainGenerator.generate(config: .default, seed: entry.seed!) == map)
        }
    }
}
