import MMOAttack
import MMOEnv
import MMOTrain
import Testing

/// An attack's perturbations depend on its seed only: the same on 1 and 2 threads, different for
/// another seed; and a policy under no attack acts exactly as the plain learned policy.
@Suite struct AttackDeterminismTests {
    static func perturbations(_ make: (UInt64) -> ObservationAttack, seed: UInt64, threads: Int) throws -> [Float] {
        let fixture = try AttackFixture(ticks: 12)
        let frame = fixture.frame(budget: PerturbationBudget(epsilon: 0.1, tileFlips: 2), threads: threads)
        let attack = make(seed)
        var result: [Float] = []
        for _ in 0..<3 {
            frame.load(fixture.storage.buffers)
            attack.perturb(frame)
            frame.project()
            result += UnsafeBufferPointer(start: frame.perturbed, count: frame.totalAgents * frame.width)
            result += UnsafeBufferPointer(start: frame.features.tileIDs, count: frame.totalAgents * frame.tiles).map(Float.init)
        }
        return result
    }

    @Test(arguments: NoiseAttack.Kind.allCases)
    func noiseIsDeterministicForASeed(kind: NoiseAttack.Kind) throws {
        let make = { (seed: UInt64) -> ObservationAttack in NoiseAttack(kind: kind, seed: seed) }
        let one = try Self.perturbations(make, seed: 3, threads: 1)
        #expect(one == (try Self.perturbations(make, seed: 3, threads: 2)))
        #expect(one != (try Self.perturbations(make, seed: 4, threads: 1)))
    }

    @Test func cleanPolicyActsAsTheLearnedPolicy() throws {
        let fixture = try AttackFixture(ticks: 4)
        let env = fixture.env
        let plain = LearnedPolicy(network: fixture.network, env: env, seed: 11)
        let attacked = AttackedPolicy(network: fixture.network, env: env, frame: fixture.frame(budget: .none), attack: nil, seed: 11)
        let first = StepBufferStorage(for: env), second = StepBufferStorage(for: env)
        for _ in 0..<3 {
            plain.act(env: env, buffers: fixture.storage.buffers, actions: first.actions)
            attacked.act(env: env, buffers: fixture.storage.buffers, actions: second.actions)
            #expect(Array(first.actions) == Array(second.actions))
        }
    }
}
