import ArgumentParser
import Foundation
import MMOCore
import MMOEval
import MMOTasks

/// The options `gridmmo eval pve` and `gridmmo eval pvp` share, and the checked setup they give:
/// the rules, the held-out maps and tasks, the entrants and the evaluation plan, all validated
/// before any game runs.
struct EvalOptions: ParsableArguments {
    @Option(name: .customLong("entrant"), help: ArgumentHelp("An entrant: NAME=AGENT or NAME=CHECKPOINT, or just AGENT or CHECKPOINT (its own name). AGENT is random, forager or combat; CHECKPOINT a file written by gridmmo train. Repeat for each entrant.", valueName: "spec"))
    var entrants: [String] = []

    @Option(parsing: .unconditional, help: "Episodes: per entrant in PvE (default 8), games in PvP (default 200).")
    var episodes: Int?

    @Option(help: "Directory for report.md, results.json and the plots (a shard writes partial.json).")
    var out: String

    @OptionGroup var heldOut: HeldOutOptions

    @Option(parsing: .unconditional, help: "Games played together (environments of the VecEnv). Part of the evaluation's identity: shards to merge need the same value.")
    var envs: Int = 8

    @Option(parsing: .unconditional, help: "Worker threads (default: the number of cores); results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Evaluation seed: episode seeds, team draws, policies' streams and the bootstrap derive from it.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Teams per world; players must split evenly. PvP default 16; PvE default: the config's teams.")
    var teams: Int?

    @Option(parsing: .unconditional, help: "Record the first K games (of this shard) as replays in OUT/replays/ for gridmmo view.")
    var replays: Int = 0

    @Option(help: "Run only shard i of n (i/n, 0 <= i < n) and write OUT/partial.json; combine with gridmmo eval merge.")
    var shard: String?

    @Option(parsing: .unconditional, help: "Bootstrap resamples for the score intervals.")
    var resamples: Int = 1000

    func validate() throws {
        if let episodes, !(1...1_000_000).contains(episodes) { throw ValidationError("--episodes must be in 1...1000000, got \(episodes)") }
        guard (1...4096).contains(envs) else { throw ValidationError("--envs must be in 1...4096, got \(envs)") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be in 1...1024, got \(threads)") }
        if let teams, !(1...4096).contains(teams) { throw ValidationError("--teams must be in 1...4096, got \(teams)") }
        guard (0...1_000_000).contains(replays) else { throw ValidationError("--replays must be in 0...1000000, got \(replays)") }
        guard (1...100_000).contains(resamples) else { throw ValidationError("--resamples must be in 1...100000, got \(resamples)") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard \(error)") }
        }
    }

    /// Everything a run needs, checked.
    struct Setup {
        let config: Config
        let maps: [GameMap]
        let curriculum: Curriculum
        let entrants: [Entrant]
        let plan: EvaluationPlan
        let shard: Shard
    }

    /// Loads and checks everything for `mode`; every problem is an error naming its flag or file.
    func setup(mode: EvaluationMode) throws -> Setup {
        let specs = try EvalEntrants.specs(entrants)
        var config = try heldOut.config()
        let teamCount = teams ?? (mode == .pvp ? 16 : max(config.players.teams, 1))
        if mode == .pvp || teams != nil {
            guard teamCount >= (mode == .pvp ? 2 : 1), config.players.count % teamCount == 0 else {
                throw ValidationError("--teams \(EvaluationError.teamsDoNotFit(players: config.players.count, teams: teamCount))")
            }
            config.players.teams = teamCount == 1 ? 0 : teamCount
        }
        if mode == .pvp && specs.count > teamCount {
            throw ValidationError("--entrant: \(EvaluationError.entrantsDoNotFitTeams(entrants: specs.count, teams: teamCount)) (or raise --teams)")
        }
        if mode == .pvp && specs.count < 2 { throw ValidationError("--entrant: \(EvaluationError.tooFewEntrants(specs.count))") }

        let (maps, mapNames, mapsLabel) = try heldOut.loadMaps(config: config)
        let curriculum = try heldOut.loadCurriculum()

        let resolved = try specs.map { try EvalEntrants.resolve($0, config: config, curriculum: curriculum) }
        let setup = EvaluationSetup(
            config: heldOut.configName, configDigest: Self.digest(ConfigFile.json(config)), horizon: config.episode.horizon,
            maps: mapsLabel, mapNames: mapNames, mapsDigest: Self.digest(maps.flatMap(\.materials)),
            curriculum: heldOut.curriculum, curriculumDigest: Self.digest(CurriculumFile.data(curriculum))
        )
        let plan: EvaluationPlan
        do {
            plan = try EvaluationPlan(
                mode: mode, entrants: resolved.map { PlannedEntrant(spec: $0.spec, fingerprint: $0.fingerprint) },
                episodes: episodes ?? (mode == .pve ? 8 : 200), seed: seed, environments: envs, players: config.players.count,
                teams: teamCount, tasks: PlannedTask.tasks(of: curriculum), setup: setup, resamples: resamples
            )
        } catch {
            throw ValidationError("--entrant: \(error)")
        }
        var chosenShard = Shard.whole
        if let shard {
            chosenShard = try Shard(parsing: shard)
            do { try chosenShard.check(against: plan) } catch { throw ValidationError("--shard \(shard): \(error)") }
        }
        return Setup(config: config, maps: maps, curriculum: curriculum, entrants: resolved, plan: plan, shard: chosenShard)
    }

    /// FNV-1a of `bytes`, in hex.
    static func digest(_ bytes: some Collection<UInt8>) -> String {
        String(Array(bytes).withUnsafeBytes { FNV1a.hash($0) }, radix: 16)
    }
}
