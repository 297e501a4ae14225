import MMONet

/// The random stream of one attacked agent at one step, seeded by (attack seed, step, agent): an
/// attack's draws never depend on how agents are split over threads.
@inline(__always) func attackRandom(seed: UInt64, step: Int, agent: Int) -> NetRandom {
    NetRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(step) &* 0xBF58_476D_1CE4_E5B9 &+ UInt64(agent) &* 0x94D0_49BB_1331_11EB)
}
