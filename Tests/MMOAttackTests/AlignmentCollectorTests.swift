import MMOCore
import Testing
@testable import MMOAttack

/// The passive phase keeps exactly its budget of team-steps, spread over the whole run, repeats for
/// a seed, and stores what the encoding makes of the clean observations of M's members.
@Suite struct AlignmentCollectorTests {
    /// Plays `steps` steps collecting up to `capacity` samples with `seed`; also returns each
    /// step's number of candidate groups.
    func collect(steps: Int, capacity: Int, seed: UInt64) throws -> (AlignmentCollector, [Int]) {
        let fixture = try AttackFixture()
        let frame = fixture.frame(budget: .none)
        let collector = AlignmentCollector(targets: frame.targets, encoding: AlignmentEncoding(surface: frame.surface), capacity: capacity, seed: seed)
        var candidates: [Int] = []
        try fixture.play(frame: frame, steps: steps) { frame in
            let before = collector.seen
            collector.collect(frame)
            candidates.append(collector.seen - before)
        }
        return (collector, candidates)
    }

    @Test func keepsExactlyItsBudgetSpreadOverTheRun() throws {
        let (collector, candidates) = try collect(steps: 60, capacity: 50, seed: 1)
        #expect(collector.seen == candidates.reduce(0, +))
        #expect(collector.seen > 150, "8 groups over 60 steps, many with two living members")
        #expect(collector.samples.count == 50)
        let steps = collector.samples.steps.map(Int.init)
        #expect(steps.min()! < 15 && steps.max()! >= 45, "kept steps \(steps.sorted())")
        // Each quarter of the run holds about its share of the candidates (agents die, so the early
        // steps have more); loose bounds around the expected count.
        for quarter in 0..<4 {
            let inQuarter = steps.filter { $0 / 15 == quarter }.count
            let expected = 50 * Double(candidates[quarter * 15..<(quarter + 1) * 15].reduce(0, +)) / Double(collector.seen)
            #expect(abs(Double(inQuarter) - expected) < 8 + 0.5 * expected, "quarter \(quarter): \(inQuarter), \(expected) expected")
        }
        let groups = collector.samples.groups.map(Int.init)
        #expect(groups.allSatisfy { (0..<8).contains($0) } && Set(groups).count > 4)
        // Every sample has at least two living members, and the dead are zeros.
        let samples = collector.samples
        for sample in 0..<samples.count {
            let living = (0..<samples.places).filter { samples.living[sample * samples.places + $0] != 0 }
            #expect(living.count >= 2)
            for place in 0..<samples.places where !living.contains(place) {
                let start = (sample * samples.places + place) * samples.dimension
                #expect(samples.vectors[start..<start + samples.dimension].allSatisfy { $0 == 0 })
            }
        }
    }

    @Test func keepsEverythingBelowItsBudget() throws {
        let (collector, _) = try collect(steps: 3, capacity: 1000, seed: 1)
        #expect(collector.samples.count == collector.seen && collector.seen > 0)
        #expect(collector.samples.steps.prefix(collector.samples.count).allSatisfy { (0..<3).contains($0) })
    }

    @Test func repeatsForASeed() throws {
        let first = try collect(steps: 30, capacity: 40, seed: 1).0.samples
        #expect(try collect(steps: 30, capacity: 40, seed: 1).0.samples == first)
        #expect(try collect(steps: 30, capacity: 40, seed: 2).0.samples.steps != first.steps)
    }

    @Test func storesTheEncodedCleanObservations() throws {
        let fixture = try AttackFixture()
        let frame = fixture.frame(budget: .none)
        let encoding = AlignmentEncoding(surface: frame.surface)
        let collector = AlignmentCollector(targets: frame.targets, encoding: encoding, capacity: 100, seed: 1)
        frame.load(fixture.storage.buffers)
        collector.collect(frame)
        let samples = collector.samples
        #expect(samples.count > 0 && encoding.dimension == frame.width + 25 * Material.count)
        let sample = 0, place = samples.living[0] != 0 ? 0 : 1
        let agent = frame.targets.agent(group: Int(samples.groups[sample]), index: place)
        let vector = Array(samples.vectors[(sample * samples.places + place) * samples.dimension..<(sample * samples.places + place + 1) * samples.dimension])
        for c in 0..<frame.width where frame.surface.upper[c] > frame.surface.lower[c] {
            let expected = (frame.clean[agent * frame.width + c] - frame.surface.lower[c]) / (frame.surface.upper[c] - frame.surface.lower[c])
            #expect(abs(vector[c] - expected) < 1e-6)
        }
        // The tile summary counts the 225 tiles in 25 blocks of 9: it sums to 25.
        #expect(abs(vector[frame.width...].reduce(0, +) - 25) < 1e-3)
        var counts = [Float](repeating: 0, count: Material.count)
        for tile in 0..<frame.tiles where tile / 15 < 3 && tile % 15 < 3 { counts[TileCode.material(frame.cleanTiles[agent * frame.tiles + tile])] += 1.0 / 9 }
        #expect(zip(counts, vector[frame.width..<frame.width + Material.count]).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}
