import MMOAttack
import Testing

@Suite struct InterquartileMeanTests {
    /// A quarter (rounded down) is cut from each end, as scipy's trim_mean(x, 0.25) does.
    @Test func trimsAQuarterFromEachEnd() {
        #expect(InterquartileMean.of([1, 2, 3, 4, 5, 6, 7, 8]) == 4.5)
        #expect(InterquartileMean.of([100, 1, 2, 3, 4, 5, 6, -50]) == 3.5)
        // n = 10: two cut from each end -> mean of 3...8.
        #expect(InterquartileMean.of((1...10).map(Double.init)) == 5.5)
        #expect(InterquartileMean.of([3]) == 3)
        #expect(InterquartileMean.of([.nan, 2, .nan]) == 2)
        #expect(InterquartileMean.of([]).isNaN)
    }

    /// Intervals contain the point, shrink with more episodes, and a paired difference of a sample
    /// with itself shifted by a constant is exactly that constant.
    @Test func bootstrapIntervals() {
        let statistics = InterquartileMean(resamples: 2000, seed: 3)
        var random = SystemRandomNumberGenerator()
        let small = (0..<10).map { _ in Double.random(in: 0...1, using: &random) }
        let large = (0..<400).map { _ in Double.random(in: 0...1, using: &random) }
        let a = statistics.estimate(small), b = statistics.estimate(large)
        #expect(a.lower <= a.value && a.value <= a.upper)
        #expect(b.upper - b.lower < a.upper - a.lower)
        let shifted = statistics.paired(large.map { $0 - 0.25 }, minus: large)
        #expect(abs(shifted.value + 0.25) < 1e-12 && abs(shifted.lower + 0.25) < 1e-12 && abs(shifted.upper + 0.25) < 1e-12)
        #expect(statistics.estimate(small) == InterquartileMean(resamples: 2000, seed: 3).estimate(small))
    }
}
