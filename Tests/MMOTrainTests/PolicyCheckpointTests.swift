import Foundation
import MMOCore
import MMOEnv
import MMONet
import Testing
@testable import MMOTrain

/// A saved policy loads back for the same environment, and a checkpoint whose sizes or inputs do
/// not fit is refused with what differs instead of crashing.
@Suite struct PolicyCheckpointTests {
    let config = Config.small

    func save(_ sizes: PolicyConfig, metadataPolicy: String? = nil) throws -> (String, VecEnv) {
        let env = VecEnv(config: config, maps: [TerrainGenerator.generate(config: config, seed: 2)], environmentCount: 1, seed: 1, threads: 1)
        let network = PolicyNetwork(sizes: sizes, layout: env.observationLayout, actionLayout: env.actionLayout, config: config, seed: 3)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).safetensors").path
        if let metadataPolicy {
            try Checkpoint.save(parameters: network.parameters, adam: nil, metadata: [
                (Checkpoint.Key.policy, metadataPolicy),
                (PolicyCheckpoint.inputsKey, PolicyCheckpoint.inputs(of: env.observationLayout)),
                (PolicyCheckpoint.actionsKey, PolicyCheckpoint.actions(of: env.actionLayout)),
            ], to: path)
        } else {
            try PolicyCheckpoint.save(network, adam: nil, layout: env.observationLayout, config: config, trainerState: nil, to: path)
        }
        return (path, env)
    }

    @Test func aSavedPolicyLoadsWithItsValues() throws {
        var sizes = PolicyConfig()
        sizes.hiddenWidth = 16
        let (path, env) = try save(sizes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try PolicyCheckpoint.load(path: path, layout: env.observationLayout, actionLayout: env.actionLayout, config: config)
        #expect(loaded.network.sizes == sizes)
        let reference = PolicyNetwork(sizes: sizes, layout: env.observationLayout, actionLayout: env.actionLayout, config: config, seed: 3)
        #expect(loaded.network.parameters.values.array == reference.parameters.values.array)
    }

    @Test func impossibleSizesAreRefusedNotTrapped() throws {
        let (path, env) = try save(PolicyConfig(), metadataPolicy: PolicyConfig().json.replacingOccurrences(of: "\"tile_kernel\": 5", with: "\"tile_kernel\": 40"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CheckpointError.self) {
            try PolicyCheckpoint.load(path: path, layout: env.observationLayout, actionLayout: env.actionLayout, config: config)
        }
        let (huge, _) = try save(PolicyConfig(), metadataPolicy: PolicyConfig().json.replacingOccurrences(of: "\"hidden_width\": 128", with: "\"hidden_width\": 100000"))
        defer { try? FileManager.default.removeItem(atPath: huge) }
        do {
            _ = try PolicyCheckpoint.load(path: huge, layout: env.observationLayout, actionLayout: env.actionLayout, config: config)
            Issue.record("a 100000-wide policy was accepted")
        } catch {
            #expect(error.description.contains("'hidden_width' must be an integer in 1...4096"), "got: \(error)")
        }
    }

    @Test func aRecurrentPolicyLoadsRecurrent() throws {
        var sizes = PolicyConfig()
        sizes.hiddenWidth = 16
        sizes.recurrent = true
        let (path, env) = try save(sizes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try PolicyCheckpoint.load(path: path, layout: env.observationLayout, actionLayout: env.actionLayout, config: config)
        #expect(loaded.network.sizes == sizes)
        #expect(loaded.network.core?.hidden == 16)
        let reference = PolicyNetwork(sizes: sizes, layout: env.observationLayout, actionLayout: env.actionLayout, config: config, seed: 3)
        #expect(loaded.network.parameters.values.array == reference.parameters.values.array)
    }

    @Test func sizesWithoutTheRecurrentKeyAreFeedforward() throws {
        let old = PolicyConfig().json.replacingOccurrences(of: ", \"recurrent\": false", with: "")
        #expect(!old.contains("recurrent"))
        let (path, env) = try save(PolicyConfig(), metadataPolicy: old)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try PolicyCheckpoint.load(path: path, layout: env.observationLayout, actionLayout: env.actionLayout, config: config)
        #expect(loaded.network.sizes == PolicyConfig())
        #expect(loaded.network.core == nil)
        do {
            _ = try PolicyConfig(json: PolicyConfig().json.replacingOccurrences(of: "\"recurrent\": false", with: "\"recurrent\": 1"))
            Issue.record("'recurrent': 1 was accepted")
        } catch {
            #expect(error.description == "'recurrent' must be true or false, got 1")
        }
    }
}
