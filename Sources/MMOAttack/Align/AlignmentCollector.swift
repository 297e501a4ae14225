import MMONet

/// Align's passive phase: during clean play, keeps a uniform sample of `capacity` team-steps over
/// the whole run. Every (group, step) whose attacked set M (`targets`) has at least two living
/// members is a candidate; reservoir sampling (Vitter's algorithm R) with a stream seeded by `seed`
/// keeps each of the n candidates seen so far with probability capacity / n, so the samples spread
/// over every episode rather than the first ticks, and exactly `capacity` are kept once that many
/// were seen. Dead members are stored as zero vectors (and only living members become targets of
/// the fit). Threat model: reads only the clean observations of M's members.
public final class AlignmentCollector {
    public let targets: AttackTargets
    public let encoding: AlignmentEncoding
    public let capacity: Int
    /// The kept samples.
    public private(set) var samples: AlignmentSamples
    /// Candidates seen so far.
    public private(set) var seen = 0
    private var random: NetRandom
    private var living: [UInt8]

    /// `targets` may differ from the frame's (the full team, to select places for the targeted
    /// attacks) but must have the frame's shape.
    public init(targets: AttackTargets, encoding: AlignmentEncoding, capacity: Int = 1000, seed: UInt64) {
        precondition(capacity > 0, "the collector keeps at least one sample")
        precondition(targets.groupSize >= 2, "Align predicts a member from its teammates: M needs at least two places")
        self.targets = targets
        self.encoding = encoding
        self.capacity = capacity
        samples = AlignmentSamples(places: targets.groupSize, dimension: encoding.dimension, capacity: capacity)
        random = NetRandom(seed: seed ^ 0xA11C_0DE5)
        living = Array(repeating: 0, count: targets.groupSize)
    }

    /// Considers every group of the step `frame` has loaded (before any attack perturbs it).
    public func collect(_ frame: AttackFrame) {
        precondition(frame.totalAgents == targets.totalAgents && frame.targets.teamSize == targets.teamSize,
                     "the collector's targets do not match the frame")
        precondition(frame.surface.width == encoding.numericWidth, "the encoding is for another attack surface")
        for group in 0..<targets.groups {
            var count = 0
            for place in 0..<targets.groupSize {
                living[place] = frame.alive[targets.agent(group: group, index: place)]
                count += Int(living[place])
            }
            guard count >= 2 else { continue }
            seen += 1
            let slot = seen <= capacity ? seen - 1 : random.integer(below: seen)
            guard slot < capacity else { continue }
            living.withUnsafeBufferPointer { flags in
                samples.store(slot: slot, step: frame.step, group: group, living: flags.baseAddress!) { place, vector in
                    let agent = targets.agent(group: group, index: place)
                    encoding.encode(frame.clean + agent * frame.width, tiles: frame.cleanTiles + agent * frame.tiles, into: vector)
                }
            }
        }
    }
}
