import Foundation
import MMONet

/// The random-noise baselines: every active coordinate of an attacked agent moves by its radius
/// (epsilon x the range's width) times a draw n, clipped to [-1, 1] by the budget, and k tiles
/// drawn at random take random other materials. Threat model: no access (reads nothing of the
/// observations).
///
/// - uniform: n ~ U(-1, 1);
/// - gaussian: n ~ N(0, 1);
/// - exponential: |n| ~ Exp(rate ln 100), so the noise exceeds epsilon with probability 0.01 (the
///   reference's lambda = -ln(0.01) / eps in normalised units), with a random sign;
/// - ornsteinUhlenbeck: per agent and coordinate n <- (1 - theta) n + sqrt(2 theta - theta^2) N(0, 1),
///   theta = 0.15, from 0 at each episode start (stationary standard deviation 1, correlated in time).
public final class NoiseAttack: ObservationAttack {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case uniform, gaussian, exponential, ornsteinUhlenbeck = "ou"
    }

    public let kind: Kind
    public let seed: UInt64
    public var name: String { "noise-\(kind.rawValue)" }
    public static let reversion: Float = 0.15
    /// Ornstein-Uhlenbeck states, [totalAgents, width] (allocated for that kind only).
    private var states: UnsafeMutablePointer<Float>?

    public init(kind: Kind, seed: UInt64) {
        self.kind = kind
        self.seed = seed
    }

    deinit { states?.deallocate() }

    public func perturb(_ frame: AttackFrame) {
        let width = frame.width
        if kind == .ornsteinUhlenbeck, states == nil {
            states = .allocate(capacity: frame.totalAgents * width)
            states!.initialize(repeating: 0, count: frame.totalAgents * width)
        }
        let states = self.states
        let rate = Float(log(100.0))
        let shock = (2 * Self.reversion - Self.reversion * Self.reversion).squareRoot()
        runWorkers(frame.threads) { worker in
            for index in stride(from: worker, to: frame.attackedCount, by: frame.threads) {
                let agent = Int(frame.attacked[index])
                var random = attackRandom(seed: seed, step: frame.step, agent: agent)
                let x = frame.clean + agent * width, y = frame.perturbed + agent * width, active = frame.active + agent * width
                let state = states.map { $0 + agent * width }
                if let state, frame.episodeStarted[agent] != 0 { state.update(repeating: 0, count: width) }
                // Only coordinates the budget lets change draw (and advance their noise state).
                for c in 0..<width where active[c] != 0 {
                    let draw: Float
                    switch kind {
                    case .uniform: draw = 2 * random.unitFloat() - 1
                    case .gaussian: draw = Float(random.normal())
                    case .exponential:
                        let magnitude = -log(max(1 - random.unitFloat(), .leastNormalMagnitude)) / rate
                        draw = random.next() & 1 == 0 ? magnitude : -magnitude
                    case .ornsteinUhlenbeck:
                        state![c] = (1 - Self.reversion) * state![c] + shock * Float(random.normal())
                        draw = state![c]
                    }
                    y[c] = x[c] + draw * frame.surface.radius(c, epsilon: frame.budget.epsilon)
                }
                TileFlips.random(agent: agent, frame: frame, random: &random)
            }
        }
    }
}
