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

    /// Mean tile counts over 16 default Neural MMO 2.1.2 maps (160x160), measured on the package.
    static let referenceMeans: [(Material, Double)] = [
        (.water, 4160), (.grass, 6525), (.foilage, 3043), (.stone, 1709), (.ore, 230), (.tree, 234), (.crystal, 229),
    ]

    /// Each shipped set's mean count of every terrain and cluster material is within 5% of the
    /// reference's; Void, Herb and Fish match exactly on every map.
    @Test(arguments: ["maps/train", "maps/eval"])
    func shippedMapsHaveTheReferenceTerrainMix(set: String) throws {
        let maps = try MapSet.load(directory: root.appendingPathComponent(set).path, config: .default).maps
        var sums = [Double](repeating: 0, count: Material.allCases.count)
        for map in maps {
            let counts = map.materialCounts
            #expect(counts[Int(Material.void.rawValue)] == 8959 && counts[Int(Material.herb.rawValue)] == 256 && counts[Int(Material.fish.rawValue)] == 256)
            for (index, count) in counts.enumerated() { sums[index] += Double(count) }
        }
        for (material, reference) in Self.referenceMeans {
            let mean = sums[Int(material.rawValue)] / Double(maps.count)
            #expect(abs(mean / reference - 1) <= 0.05, "\(set): \(material) mean \(mean), reference \(reference)")
        }
    }
}
