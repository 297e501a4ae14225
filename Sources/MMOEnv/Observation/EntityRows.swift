import MMOCore

extension ObservationWriter {
    /// The nearest other entities in the window, nearest first (L-inf distance, ties by slot),
    /// one row each, unused rows left zero; `shown` receives each row's entity slot. Returns the
    /// number of rows written.
    func writeEntities(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>, shown: UnsafeMutablePointer<Int32>) -> Int {
        guard entityRows > 0 else { return 0 }
        let entities = world.entities
        let row = Int(entities.row[slot])
        let col = Int(entities.col[slot])
        var found = 0
        for cellRow in cells.cells(covering: row - radius, row + radius) {
            for cellCol in cells.cells(covering: col - radius, col + radius) {
                let cell = cellRow * cells.cellsPerSide + cellCol
                for position in Int(cells.cellStart[cell])..<Int(cells.cellStart[cell + 1]) {
                    let other = Int(cells.slots[position])
                    let distance = max(abs(Int(entities.row[other]) - row), abs(Int(entities.col[other]) - col))
                    guard distance <= radius, other != slot else { continue }
                    insertNearest(UInt32(distance) << 20 | UInt32(other), found: &found)
                }
            }
        }

        let width = ObservationLayout.entityColumns.count
        let myTeam = entities.team[slot]
        for rowIndex in 0..<found {
            let other = Int(nearest[rowIndex] & 0xFFFFF)
            shown[rowIndex] = Int32(other)
            let target = out + rowIndex * width
            let otherRow = Int(entities.row[other])
            let otherCol = Int(entities.col[other])
            let teammate = myTeam >= 0 && entities.team[other] == myTeam
            let attacker = Int(entities.lastAttacker[other])
            target[0] = Int16(truncatingIfNeeded: entities.id(ofSlot: other))
            target[1] = Int16(entities.kind[other].rawValue)
            target[2] = Int16(truncatingIfNeeded: otherRow)
            target[3] = Int16(truncatingIfNeeded: otherCol)
            target[4] = Int16(truncatingIfNeeded: otherRow - row)
            target[5] = Int16(truncatingIfNeeded: otherCol - col)
            target[6] = Int16(truncatingIfNeeded: entities.health[other])
            target[7] = Int16(truncatingIfNeeded: entities.food[other])
            target[8] = Int16(truncatingIfNeeded: entities.water[other])
            target[9] = Int16(truncatingIfNeeded: entities.team[other])
            target[10] = teammate ? 1 : 0
            target[11] = Int16(truncatingIfNeeded: entities.combatLevel(other))
            target[12] = Int16(entities.mainStyle(other).map { $0.rawValue + 1 } ?? 0)
            target[13] = world.inCombat(other) ? 1 : 0
            target[14] = world.isSpawnImmune(other) ? 1 : 0
            target[15] = attacker >= 0 ? Int16(truncatingIfNeeded: entities.id(ofSlot: attacker)) : 0
            target[16] = Int16(truncatingIfNeeded: entities.damageTaken[other])
            target[17] = Int16(truncatingIfNeeded: entities.gold[other])
            target[18] = teammate ? Int16(truncatingIfNeeded: entities.message[other]) : 0
            target[19] = world.canAttack(slot, other) ? 1 : 0
        }
        return found
    }

    /// Keeps `nearest[0..<found]` as the smallest keys seen so far, sorted, at most `entityRows`.
    @inline(__always)
    private func insertNearest(_ key: UInt32, found: inout Int) {
        if found == entityRows {
            guard key < nearest[found - 1] else { return }
            found -= 1
        }
        var position = found
        while position > 0 && nearest[position - 1] > key {
            nearest[position] = nearest[position - 1]
            position -= 1
        }
        nearest[position] = key
        found += 1
    }

    /// Teammates (other members of the agent's team, in slot order): id, row, col and this tick's token.
    func writeComm(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        let entities = world.entities
        let team = entities.team[slot]
        guard team >= 0 else { return }
        let width = ObservationLayout.commColumns.count
        let teamSize = entities.playerCount / world.config.players.teams
        var rowIndex = 0
        for other in Int(team) * teamSize..<(Int(team) + 1) * teamSize where other != slot {
            let target = out + rowIndex * width
            target[0] = Int16(truncatingIfNeeded: entities.id(ofSlot: other))
            if entities.alive[other] != 0 {
                target[1] = Int16(truncatingIfNeeded: entities.row[other])
                target[2] = Int16(truncatingIfNeeded: entities.col[other])
                target[3] = Int16(truncatingIfNeeded: entities.message[other])
            }
            rowIndex += 1
        }
    }
}
