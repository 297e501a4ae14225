import MMOCore

/// What evaluations read: the world, the counters, the compiled programs, the members of the
/// subject being evaluated, and the world's columns and rule numbers looked up once.
struct EvaluationContext {
    let world: World
    let counters: ProgressCounters
    let entities: EntityTable
    let inventory: Inventory
    let tick: Int
    let playerCount: Int
    let visionRadius: Int
    let map: MapRules
    let nodes: UnsafeBufferPointer<ProgramNode>
    let links: UnsafeBufferPointer<Int32>
    let targets: UnsafeBufferPointer<Int32>
    /// Where the members of the subject being evaluated are.
    let currentMembers: UnsafeMutablePointer<UnsafeBufferPointer<Int>>

    init(world: World, counters: ProgressCounters, nodes: UnsafeBufferPointer<ProgramNode>, links: UnsafeBufferPointer<Int32>,
         targets: UnsafeBufferPointer<Int32>, members: UnsafeMutablePointer<UnsafeBufferPointer<Int>>) {
        self.world = world
        self.counters = counters
        entities = world.entities
        inventory = world.inventory
        tick = world.tick
        playerCount = world.entities.playerCount
        visionRadius = world.config.observation.visionRadius
        map = world.config.map
        self.nodes = nodes
        self.links = links
        self.targets = targets
        currentMembers = members
    }

    /// The members of the subject being evaluated.
    @inline(__always)
    var members: UnsafeBufferPointer<Int> { currentMembers.pointee }

    /// Progress of node `index`, in [0, 1]: every leaf returns a value in range (ratios are clipped)
    /// and every combinator keeps its operands' values in range.
    func run(_ index: Int) -> Float {
        let node = nodes[index]
        let a = Int(node.a), b = Int(node.b), c = Int(node.c), d = Int(node.d), e = Int(node.e)
        switch node.op {
        case .allDead: return allDead()
        case .stayAlive: return stayAlive()
        case .success: return 1
        case .tickGE: return PredicateEvaluator.ratio(tick, a)
        case .checkAgentStatus: return agentStatus(slots(a, b), c == AgentStatus.alive.rawValue ? .alive : .dead)
        case .protectLeader: return protectLeader(a)
        case .allMembersWithinRange: return allMembersWithinRange(a)
        case .canSeeGroup: return canSeeAny(slots(a, b))
        case .canSeeTile: return canSeeTile(a)
        case .occupyTile: return occupyTile(a, b)
        case .distanceTraveled: return distanceTraveled(a)
        case .progressTowardCenter: return progressTowardCenter()
        case .seizeTile: return seize(a, b, c, d, e)
        case .seizeCenter: return seize(map.middle, map.middle, a, b, 30)
        case .seizeQuadCenter:
            guard let quadrant = Quadrant(rawValue: b) else { return 0 }
            let centre = quadrant.centre(in: map)
            return seize(centre.row, centre.col, a, c, 30)
        case .attainSkill: return attainSkill(a, b, c)
        case .gainExperience: return gainExperience(a, b, c)
        case .defeatEntity: return defeatEntity(a == AgentType.player.rawValue ? .player : .npc, b, c)
        case .scoreHit: return scoreHit(a, b)
        case .fireAmmo: return itemCount(.fired, a, b, c)
        case .fullyArmed: return fullyArmed(a, b, c)
        case .countEvent: return countEvent(a, b)
        case .harvestItem: return itemCount(.harvested, a, b, c)
        case .consumeItem: return itemCount(.consumed, a, b, c)
        case .equipItem: return equipItem(a, b, c)
        case .ownItem: return ownItem(a, b, c)
        case .inventorySpaceGE: return inventorySpace(a)
        case .hoardGold: return hoardGold(a)
        case .earnGold: return earnGold(a)
        case .spendGold: return spendGold(a)
        case .makeProfit: return makeProfit(a)
        case .listItem: return itemCount(.listed, a, b, c)
        case .buyItem: return itemCount(.bought, a, b, c)
        case .and:
            var result: Float = 1
            for link in a..<(a + b) { result = min(result, run(Int(links[link]))) }
            return result
        case .or:
            var result: Float = 0
            for link in a..<(a + b) { result = max(result, run(Int(links[link]))) }
            return result
        case .not: return 1 - run(a)
        case .add: return min(1, run(a) + run(b))
        case .sub: return max(0, run(a) - run(b))
        case .mul: return run(a) * run(b)
        }
    }

    /// Player slots `start..<start + count` of the targets.
    @inline(__always)
    private func slots(_ start: Int, _ count: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(rebasing: targets[start..<(start + count)])
    }

    /// Whether player slot `slot` of the world is alive.
    @inline(__always)
    func isAlive(_ slot: Int) -> Bool {
        slot >= 0 && slot < playerCount && entities.alive[slot] != 0
    }

}
