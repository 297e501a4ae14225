/// One settable number of `Config`: its dotted key, meaning, and allowed range.
///
/// The table in `Config.parameters` drives loading, validation, saving and documentation, so a
/// key, its range and its check live in exactly one place.
public struct ConfigParameter: @unchecked Sendable {
    /// Where the value lives and what values it may take.
    public enum Value {
        case int(WritableKeyPath<Config, Int>, ClosedRange<Int>)
        case double(WritableKeyPath<Config, Double>, ClosedRange<Double>)
        case bool(WritableKeyPath<Config, Bool>)
    }

    /// Dotted key as written in config files, for example `players.count`.
    public let key: String
    /// One line saying what the number means.
    public let summary: String
    public let value: Value

    /// The allowed values, as text for error messages and docs.
    public var allowedText: String {
        switch value {
        case .int(_, let range): return "an integer in \(range.lowerBound)...\(range.upperBound)"
        case .double(_, let range): return "a number in \(range.lowerBound)...\(range.upperBound)"
        case .bool: return "true or false"
        }
    }

    /// The current value in `config`, as text.
    public func text(in config: Config) -> String {
        switch value {
        case .int(let path, _): return String(config[keyPath: path])
        case .double(let path, _): return String(config[keyPath: path])
        case .bool(let path): return String(config[keyPath: path])
        }
    }

    /// Whether the value held in `config` lies in the allowed range.
    public func isValid(in config: Config) -> Bool {
        switch value {
        case .int(let path, let range): return range.contains(config[keyPath: path])
        case .double(let path, let range):
            let number = config[keyPath: path]
            return number.isFinite && range.contains(number)
        case .bool: return true
        }
    }
}

extension Config {
    /// Every key a config file may set.
    public static var parameters: [ConfigParameter] {
        func int(_ key: String, _ path: WritableKeyPath<Config, Int>, _ range: ClosedRange<Int>, _ summary: String) -> ConfigParameter {
            ConfigParameter(key: key, summary: summary, value: .int(path, range))
        }
        func double(_ key: String, _ path: WritableKeyPath<Config, Double>, _ range: ClosedRange<Double>, _ summary: String) -> ConfigParameter {
            ConfigParameter(key: key, summary: summary, value: .double(path, range))
        }
        func bool(_ key: String, _ path: WritableKeyPath<Config, Bool>, _ summary: String) -> ConfigParameter {
            ConfigParameter(key: key, summary: summary, value: .bool(path))
        }
        return [
            int("map.size", \.map.size, 16...1024, "side of the square map in tiles"),
            int("map.center", \.map.center, 8...1020, "side of the playable square minus one (even)"),
            int("map.octaves", \.map.octaves, 1...64, "octaves of simplex noise in the terrain fractal"),
            double("map.waterThreshold", \.map.waterThreshold, 0...1, "fractal value at or below which a tile is Water"),
            double("map.grassThreshold", \.map.grassThreshold, 0...1, "fractal value at or below which a tile is Grass"),
            double("map.foilageThreshold", \.map.foilageThreshold, 0...1, "fractal value at or below which a tile is Foilage (else Stone)"),
            int("resources.oreClusters", \.resources.oreClusters, 0...4096, "plus-shaped Ore clusters placed on Grass"),
            int("resources.treeClusters", \.resources.treeClusters, 0...4096, "plus-shaped Tree clusters placed on Grass"),
            int("resources.crystalClusters", \.resources.crystalClusters, 0...4096, "plus-shaped Crystal clusters placed on Grass"),
            int("resources.herbs", \.resources.herbs, 0...65536, "Herb tiles placed on Grass"),
            int("resources.fish", \.resources.fish, 0...65536, "Fish tiles placed on Water next to Grass"),
            int("resources.extraWater", \.resources.extraWater, 0...65536, "extra Water tiles scattered on Grass"),
            int("resources.extraFoilage", \.resources.extraFoilage, 0...65536, "extra Foilage tiles scattered on Grass"),
            double("resources.foilageRespawn", \.resources.foilageRespawn, 0...1, "per-tick chance a Scrub tile becomes Foilage again"),
            double("resources.treeRespawn", \.resources.treeRespawn, 0...1, "per-tick chance a Stump becomes a Tree again"),
            double("resources.oreRespawn", \.resources.oreRespawn, 0...1, "per-tick chance Slag becomes Ore again"),
            double("resources.crystalRespawn", \.resources.crystalRespawn, 0...1, "per-tick chance a Fragment becomes Crystal again"),
            double("resources.herbRespawn", \.resources.herbRespawn, 0...1, "per-tick chance Weeds become a Herb again"),
            double("resources.fishRespawn", \.resources.fishRespawn, 0...1, "per-tick chance Ocean becomes Fish again"),
            int("players.count", \.players.count, 1...4096, "players per environment"),
            int("players.teams", \.players.teams, 0...4096, "number of teams (0 = no teams); must divide players.count"),
            bool("players.immortal", \.players.immortal, "whether players survive 0 health (on 1 health) instead of dying"),
            int("vitals.maxHealth", \.vitals.maxHealth, 1...10000, "maximum and starting health"),
            int("vitals.maxFood", \.vitals.maxFood, 1...10000, "maximum and starting food"),
            int("vitals.maxWater", \.vitals.maxWater, 1...10000, "maximum and starting water"),
            int("vitals.foodDecay", \.vitals.foodDecay, 0...10000, "food lost per tick"),
            int("vitals.waterDecay", \.vitals.waterDecay, 0...10000, "water lost per tick"),
            int("vitals.starvationDamage", \.vitals.starvationDamage, 0...10000, "health lost per tick while food is 0"),
            int("vitals.dehydrationDamage", \.vitals.dehydrationDamage, 0...10000, "health lost per tick while water is 0"),
            int("vitals.regen", \.vitals.regen, 0...10000, "health regained per tick while fed and watered"),
            int("vitals.regenThreshold", \.vitals.regenThreshold, 0...10000, "food and water must both exceed this to regenerate"),
            int("vitals.foodRestore", \.vitals.foodRestore, 0...10000, "food gained by eating Foilage"),
            int("vitals.waterRestore", \.vitals.waterRestore, 0...10000, "water gained next to Water"),
            double("vitals.resilientFraction", \.vitals.resilientFraction, 0...1, "fraction of players taking reduced starvation damage"),
            int("vitals.resilientDamagePercent", \.vitals.resilientDamagePercent, 0...100, "percent of starvation damage a resilient player takes"),
            int("episode.horizon", \.episode.horizon, 1...32767, "ticks per episode"),
            int("npcs.count", \.npcs.count, 0...4096, "entity slots for NPCs"),
            int("npcs.spawnAttemptsPerTick", \.npcs.spawnAttemptsPerTick, 0...4096, "NPC spawn attempts per tick while below npcs.count"),
            int("npcs.hostileDangerPercent", \.npcs.hostileDangerPercent, 0...101, "danger (percent) from which NPCs are Hostile"),
            int("npcs.neutralDangerPercent", \.npcs.neutralDangerPercent, 0...101, "danger (percent) from which NPCs are Neutral"),
            int("npcs.maxHealth", \.npcs.maxHealth, 1...10000, "health of an NPC"),
            int("npcs.regen", \.npcs.regen, 0...10000, "health an NPC regains per tick"),
            int("npcs.offensePerLevel", \.npcs.offensePerLevel, 0...1000, "NPC offense per level"),
            int("npcs.offenseBase", \.npcs.offenseBase, 0...1000, "NPC offense added to every NPC"),
            int("npcs.defensePerLevel", \.npcs.defensePerLevel, 0...1000, "NPC defense per level"),
            int("npcs.sightRange", \.npcs.sightRange, 1...31, "distance at which NPCs notice targets"),
            bool("combat.enabled", \.combat.enabled, "whether players can attack"),
            int("combat.reach", \.combat.reach, 1...31, "attack distance (L-inf) for every style"),
            int("combat.baseOffense", \.combat.baseOffense, 0...1000, "player offense before skill and equipment"),
            int("combat.offensePerLevel", \.combat.offensePerLevel, 0...1000, "offense per level of the attacking style"),
            int("combat.defensePerLevel", \.combat.defensePerLevel, 0...1000, "defense per level of the defender's highest skill"),
            int("combat.styleBonusPercent", \.combat.styleBonusPercent, 100...1000, "damage percent when the style triangle favours the attacker"),
            int("combat.minimumDamagePercent", \.combat.minimumDamagePercent, 0...100, "damage floor as a percent of offense (formula 21)"),
            int("combat.damageFormula", \.combat.damageFormula, 20...21, "21: Neural MMO 2.1 damage; 20: Neural MMO 2.0 damage"),
            int("combat.combatStatusTicks", \.combat.combatStatusTicks, 0...1000, "ticks of combat status after attacking or being hit"),
            int("combat.spawnImmunity", \.combat.spawnImmunity, 0...32767, "ticks after spawn during which players cannot attack a player"),
            int("progression.maxLevel", \.progression.maxLevel, 1...10, "highest skill level"),
            int("progression.hitExperience", \.progression.hitExperience, 0...10000, "XP per hit for the attacking style"),
            int("progression.ammunitionHarvestExperience", \.progression.ammunitionHarvestExperience, 0...10000, "XP per Prospecting, Carving or Alchemy harvest"),
            int("progression.consumableHarvestExperience", \.progression.consumableHarvestExperience, 0...10000, "XP per Fishing or Herbalism harvest"),
            int("progression.rareWeaponPermille", \.progression.rareWeaponPermille, 0...1000, "chance per mille that an ammunition harvest also yields a weapon"),
            int("items.inventorySize", \.items.inventorySize, 1...64, "inventory slots per player"),
            int("items.armourDefensePerLevel", \.items.armourDefensePerLevel, 0...1000, "armour defense per level"),
            int("items.weaponAttackBase", \.items.weaponAttackBase, 0...1000, "weapon attack at level 0"),
            int("items.weaponAttackPerLevel", \.items.weaponAttackPerLevel, 0...1000, "weapon attack per level"),
            int("items.toolDefense", \.items.toolDefense, 0...1000, "defense of a held tool"),
            int("items.ammunitionAttackBase", \.items.ammunitionAttackBase, 0...1000, "ammunition attack at level 0"),
            int("items.ammunitionAttackPerLevel", \.items.ammunitionAttackPerLevel, 0...1000, "ammunition attack per level"),
            int("items.ammunitionAttackCap", \.items.ammunitionAttackCap, 0...10000, "highest ammunition attack"),
            int("items.consumableRestoreBase", \.items.consumableRestoreBase, 0...10000, "Ration and Potion restore at level 0"),
            int("items.consumableRestorePerLevel", \.items.consumableRestorePerLevel, 0...10000, "Ration and Potion restore per level"),
            int("items.giveDistance", \.items.giveDistance, 0...64, "L-inf distance for Give and GiveGold"),
            bool("exchange.enabled", \.exchange.enabled, "whether the market and gold giving run"),
            int("exchange.startingGold", \.exchange.startingGold, 0...100000, "gold each player spawns with"),
            int("exchange.listingTicks", \.exchange.listingTicks, 1...32767, "ticks a market listing lasts"),
            int("exchange.maxPrice", \.exchange.maxPrice, 1...99, "highest price and GiveGold amount"),
            bool("comm.enabled", \.comm.enabled, "whether agents can send tokens to teammates"),
            int("comm.tokens", \.comm.tokens, 1...255, "distinct communication tokens"),
            bool("deathFog.enabled", \.deathFog.enabled, "whether the death fog runs"),
            int("deathFog.onset", \.deathFog.onset, 0...32767, "tick at which the fog starts to advance"),
            double("deathFog.speed", \.deathFog.speed, 0...64, "tiles per tick the fog front advances"),
            int("deathFog.safeRadius", \.deathFog.safeRadius, 0...512, "half-side of the fog-free square at the centre"),
            double("deathFog.damage", \.deathFog.damage, 0...10000, "health lost per tick per tile of fog strength"),
            int("observation.visionRadius", \.observation.visionRadius, 1...31, "tile window radius (window side 2r+1)"),
            int("observation.entities", \.observation.entities, 0...1024, "nearest visible entities observed per agent"),
        ]
    }

    /// Checks every range and the rules that tie keys together; the error names the key.
    public func validate() throws(ConfigError) {
        for parameter in Config.parameters where !parameter.isValid(in: self) {
            throw ConfigError(key: parameter.key, message: "is \(parameter.text(in: self)), must be \(parameter.allowedText)")
        }
        if map.center % 2 != 0 {
            throw ConfigError(key: "map.center", message: "is \(map.center), must be even")
        }
        if map.center + 2 >= map.size {
            throw ConfigError(key: "map.center", message: "is \(map.center), must be at most map.size - 3 (\(map.size - 3)) to leave a Void border")
        }
        if !(map.waterThreshold <= map.grassThreshold && map.grassThreshold <= map.foilageThreshold) {
            throw ConfigError(key: "map.grassThreshold", message: "thresholds must satisfy waterThreshold <= grassThreshold <= foilageThreshold")
        }
        let perimeter = 4 * map.center
        if players.count > perimeter {
            throw ConfigError(key: "players.count", message: "is \(players.count), must be at most the \(perimeter) tiles of the spawn ring (4 x map.center)")
        }
        if players.teams > 0 && players.count % players.teams != 0 {
            throw ConfigError(key: "players.teams", message: "is \(players.teams), must divide players.count (\(players.count))")
        }
        if players.count + npcs.count > Int(Int16.max) {
            throw ConfigError(key: "npcs.count", message: "players.count + npcs.count must be at most \(Int16.max)")
        }
    }
}

/// A config value out of range or inconsistent; names the key (and the file, when loaded from one).
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String?
    public var key: String
    public var message: String

    public init(file: String? = nil, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        let place = file.map { "\($0): " } ?? ""
        return key.isEmpty ? "\(place)\(message)" : "\(place)key '\(key.excerpt())' \(message)"
    }
}
