/// When a `VecEnv` starts a world's next episode after one ends (Gymnasium's autoreset modes).
public enum AutoReset: String, Sendable, CaseIterable {
    /// Inside the step that ended the episode: the observation written is the new episode's first,
    /// so the final observation is never seen. One call per tick, no wasted step: the default.
    case sameStep = "same-step"
    /// On the world's next step: the step that ends the episode writes its final observation (for
    /// bootstrapping a truncated episode's value, or a PettingZoo agent's last look), and the next
    /// step ignores that world's actions, starts its next episode and writes its first observation
    /// with zero rewards and flags.
    case nextStep = "next-step"
}
