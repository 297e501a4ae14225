import MMOAttack
import MMOTrain
import Testing

/// The feature column tables against what `ObservationFeatures` writes from real observations.
@Suite struct FeatureColumnTests {
    /// Every clean value lies in its column's range and is realisable as it is (the encoding of an
    /// integer), and reading then writing a row changes nothing.
    @Test func cleanFeaturesAreInRangeAndRealisable() throws {
        let fixture = try AttackFixture(ticks: 30)
        let frame = fixture.frame(budget: PerturbationBudget(epsilon: 0.1))
        frame.load(fixture.storage.buffers)
        let surface = frame.surface
        var checked = 0
        for agent in 0..<frame.totalAgents where frame.alive[agent] != 0 {
            let x = frame.clean + agent * frame.width, active = frame.active + agent * frame.width
            for c in 0..<frame.width where active[c] != 0 {
                #expect(x[c] >= surface.lower[c] && x[c] <= surface.upper[c], "agent \(agent) column \(surface.columns[c].name) = \(x[c])")
                #expect(surface.columns[c].realise(x[c], clean: x[c], radius: 0) == x[c], "\(surface.columns[c].name) \(x[c]) is not realisable")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func surfaceWriteIsTheInverseOfRead() throws {
        let fixture = try AttackFixture(ticks: 5)
        let frame = fixture.frame(budget: PerturbationBudget(epsilon: 0.1), includesTask: true)
        frame.load(fixture.storage.buffers)
        let agent = (0..<frame.totalAgents).first { frame.alive[$0] != 0 }!
        let x = frame.clean + agent * frame.width
        let copy = Array(UnsafeBufferPointer(start: x, count: frame.width))
        let active = UnsafeMutablePointer<UInt8>.allocate(capacity: frame.width)
        defer { active.deallocate() }
        let y = UnsafeMutablePointer<Float>.allocate(capacity: frame.width)
        defer { y.deallocate() }
        for c in 0..<frame.width { y[c] = x[c] + 0.25 }
        frame.surface.write(y, into: frame.features, row: agent)
        let z = UnsafeMutablePointer<Float>.allocate(capacity: frame.width)
        defer { z.deallocate() }
        frame.surface.read(frame.features, row: agent, into: z, active: active)
        for c in 0..<frame.width { #expect(abs(z[c] - (copy[c] + 0.25)) < 1e-5) }
        #expect(frame.features.shiftsTask)
    }

    @Test func realiseRoundsToIntegersWithinTheRadius() {
        let health = FeatureColumn("health", .linear(divisor: 100), 0...100)
        #expect(health.realise(0.504, clean: 0.5, radius: 0.02) == 0.5)
        #expect(health.realise(0.517, clean: 0.5, radius: 0.02) == 0.52)
        // The nearest integer (0.53) is out of the radius: the other side (0.52) is taken.
        #expect(health.realise(0.528, clean: 0.5, radius: 0.025) == 0.52)
        #expect(health.realise(0.509, clean: 0.5, radius: 0.005) == 0.5)
        let gold = FeatureColumn("gold", .log1p, 0...1000)
        let value = gold.realise(gold.encode(10) + 0.01, clean: gold.encode(10), radius: 0.1)
        #expect(abs(gold.decode(value) - gold.decode(value).rounded()) < 1e-3)
    }
}
