import MMOCore

/// Which map and world seed each episode plays: episode e plays map e % maps with a seed mixed from
/// (seed, e). The clean run and every attacked setting play the same schedule, so their episodes
/// pair one to one; the attacker's passive collection plays a schedule of its own (another seed),
/// never the evaluated episodes.
public struct EpisodeSchedule: Sendable, Equatable, Codable {
    public let episodes: Int
    public let maps: Int
    public let seed: UInt64

    public init(episodes: Int, maps: Int, seed: UInt64) {
        self.episodes = episodes
        self.maps = maps
        self.seed = seed
    }

    public func map(_ episode: Int) -> Int { episode % maps }
    public func seed(_ episode: Int) -> UInt64 { SplitMix64.mix(seed &+ SplitMix64.mix(UInt64(episode) &+ 0xA77A_C000)) }

    /// The collection schedule derived from this one (different seeds, same maps).
    public var collection: EpisodeSchedule {
        EpisodeSchedule(episodes: Int.max / 2, maps: maps, seed: SplitMix64.mix(seed ^ 0xC011_EC70))
    }
}
