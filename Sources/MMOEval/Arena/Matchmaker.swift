import MMOCore

/// Deals the teams of a PvP game to the entrants, reproducibly from the evaluation's seed and the
/// game's index: every entrant gets `teams / entrants` teams; the `teams % entrants` teams left over
/// go to the entrants in turn from game to game (game g gives them to entrants `g * extra`,
/// `g * extra + 1`, ... modulo the entrant count), so over any run of `entrants` consecutive games
/// every entrant gets the same number of teams; then the teams' order is shuffled with the game's
/// own stream, so no entrant always plays the same team numbers (and player ids).
public enum Matchmaker {
    /// The entrant index of each of the `teams` teams of game `game`; needs `1 <= entrants <= teams`.
    public static func teamEntrants(game: Int, entrants: Int, teams: Int, seed: UInt64) -> [Int] {
        precondition(entrants >= 1 && entrants <= teams, "\(entrants) entrants for \(teams) teams")
        let extra = teams % entrants
        var owners: [Int] = []
        owners.reserveCapacity(teams)
        for entrant in 0..<entrants {
            owners.append(contentsOf: repeatElement(entrant, count: teams / entrants))
        }
        for turn in 0..<extra { owners.append((game * extra + turn) % entrants) }
        var rng = Rng(seed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(game) &+ 0x7EA3_5EED)))
        rng.shuffle(&owners)
        return owners
    }
}
