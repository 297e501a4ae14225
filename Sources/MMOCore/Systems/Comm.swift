/// Communication: each player's token of this tick (1...comm.tokens, 0 = silence) becomes its
/// `message`, which teammates observe. Off in the competition preset.
enum Comm {
    static func run(in world: World) {
        let entities = world.entities
        let enabled = world.config.comm.enabled
        let tokens = Int32(world.config.comm.tokens)
        for player in 0..<entities.playerCount {
            let token = world.intents.comm[player]
            entities.message[player] = enabled && entities.canAct(player) && token > 0 && token <= tokens ? token : 0
        }
    }
}
