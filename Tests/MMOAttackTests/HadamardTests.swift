import MMOAttack
import Testing

@Suite struct HadamardTests {
    /// Rows of the Sylvester matrix are +-1 and pairwise orthogonal; the order is the largest power
    /// of two strictly below the width.
    @Test func rowsAreOrthogonal() {
        let order = HadamardMatrix.order(below: 712)
        #expect(order == 512)
        #expect(HadamardMatrix.order(below: 513) == 512 && HadamardMatrix.order(below: 512) == 256)
        for i in 0..<16 {
            for j in 0..<16 {
                var dot: Float = 0
                for c in 0..<order {
                    let a = HadamardMatrix.entry(row: i, column: c), b = HadamardMatrix.entry(row: j, column: c)
                    #expect(abs(a) == 1)
                    dot += a * b
                }
                #expect(dot == (i == j ? Float(order) : 0), "rows \(i) and \(j)")
            }
        }
    }

    /// Teammates get orthogonal, constant directions: the perturbations of two attacked teammates
    /// (on coordinates where neither was clipped) have zero normalised dot product, and the
    /// attack does the same at every step.
    @Test func teammatesArePushedInOrthogonalDirections() throws {
        let fixture = try AttackFixture(ticks: 6)
        let frame = fixture.frame(budget: PerturbationBudget(epsilon: 0.01))
        let attack = HadamardAttack(seed: 1)
        frame.load(fixture.storage.buffers)
        attack.perturb(frame)
        let targets = frame.targets
        let a = targets.agent(group: 0, index: 0), b = targets.agent(group: 0, index: 1)
        let order = HadamardMatrix.order(below: frame.width)
        var signs: [[Float]] = [[], []]
        for (k, agent) in [a, b].enumerated() {
            for c in 0..<order {
                let radius = frame.surface.radius(c, epsilon: 0.01)
                signs[k].append(radius > 0 ? (frame.perturbed[agent * frame.width + c] - frame.clean[agent * frame.width + c]) / radius : 0)
            }
        }
        let dot = zip(signs[0], signs[1]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let norm = signs[0].reduce(Float(0)) { $0 + $1 * $1 }
        #expect(norm > Float(order) * 0.9)
        #expect(abs(dot) < 1e-3 * norm)
        let first = Array(UnsafeBufferPointer(start: frame.perturbed + a * frame.width, count: frame.width))
        frame.load(fixture.storage.buffers)
        attack.perturb(frame)
        #expect(Array(UnsafeBufferPointer(start: frame.perturbed + a * frame.width, count: frame.width)) == first)
    }
}
