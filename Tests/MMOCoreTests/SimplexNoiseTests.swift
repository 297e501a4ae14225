import Testing
import MMOCore

@Suite struct SimplexNoiseTests {
    /// A noise field seeded like the terrain generator seeds it.
    private func noise(seed: UInt64) -> SimplexNoise {
        var rng = Rng(seed: seed, stream: .terrain)
        return SimplexNoise(rng: &rng)
    }

    /// Points spread over a few hundred lattice cells, including negative coordinates.
    private func samplePoints(count: Int) -> [(x: Double, y: Double)] {
        var rng = Rng(seed: 99)
        return (0..<count).map { _ in (x: rng.unit() * 400 - 200, y: rng.unit() * 400 - 200) }
    }

    @Test func sameSeedGivesSameField() {
        let first = noise(seed: 42)
        let second = noise(seed: 42)
        for point in samplePoints(count: 1000) {
            #expect(first.value(x: point.x, y: point.y) == second.value(x: point.x, y: point.y))
        }
    }

    @Test func valuesStayWithinUnitRangeAndUseIt() {
        let field = noise(seed: 7)
        var lowest = Double.infinity
        var highest = -Double.infinity
        for point in samplePoints(count: 100_000) {
            let value = field.value(x: point.x, y: point.y)
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        #expect(lowest >= -1 && highest <= 1)
        #expect(lowest < -0.6 && highest > 0.6)
    }

    @Test func smallStepsGiveSmallChanges() {
        let field = noise(seed: 3)
        let step = 1e-3
        var largestChange = 0.0
        for point in samplePoints(count: 5000) {
            let here = field.value(x: point.x, y: point.y)
            largestChange = max(largestChange,
                                abs(field.value(x: point.x + step, y: point.y) - here),
                                abs(field.value(x: point.x, y: point.y + step) - here))
        }
        #expect(largestChange < 0.01)
        #expect(largestChange > 0)
    }

    @Test func differentSeedsGiveDifferentFields() {
        let first = noise(seed: 1)
        let second = noise(seed: 2)
        let points = samplePoints(count: 1000)
        let differing = points.filter { abs(first.value(x: $0.x, y: $0.y) - second.value(x: $0.x, y: $0.y)) > 1e-6 }
        #expect(differing.count > 900)
    }

    @Test func fieldIsZeroOnLatticeOrigin() {
        // At a lattice point its own corner's offset is (0, 0), so its gradient term is 0, and the
        // other two corners of the triangle lie beyond the fade radius.
        #expect(noise(seed: 5).value(x: 0, y: 0) == 0)
    }
}
