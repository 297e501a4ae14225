import Foundation
import Testing
import MMONet

/// Saving and restoring parameters and Adam's state, and the checks that refuse a checkpoint that
/// does not fit, each saying what differs.
@Suite struct CheckpointTests {
    /// A two-layer network's parameters, allocated from `seed`.
    static func network(hidden: Int = 6, seed: UInt64 = 1) -> ParameterSet {
        let parameters = ParameterSet()
        _ = Linear("encoder", inputs: 5, outputs: hidden, in: parameters)
        _ = Linear("head", inputs: hidden, outputs: 3, in: parameters)
        parameters.allocate(seed: seed)
        return parameters
    }

    /// Takes `steps` Adam updates with gradients drawn from `random` (zero in the alignment padding
    /// between tensors, which layers never touch).
    static func train(_ parameters: ParameterSet, _ adam: Adam, steps: Int, random: inout NetRandom) {
        let gradients = parameters.makeGradient()
        for _ in 0..<steps {
            for slice in parameters.slices {
                for index in 0..<slice.count { slice.pointer(in: gradients.pointer)[index] = random.unitFloat() - 0.5 }
            }
            adam.update(parameters: parameters.values, gradients: gradients, learningRate: 0.01)
        }
    }

    static func withDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-checkpoint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    /// The message of the `CheckpointError` that `body` throws, or nil when it succeeds.
    static func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? CheckpointError)?.message ?? "not a CheckpointError: \(error)"
        }
    }

    @Test func resumingFromACheckpointContinuesExactly() throws {
        try Self.withDirectory { directory in
            let path = directory + "/policy.safetensors"
            let parameters = Self.network(seed: 1)
            let adam = Adam(parameters: parameters)
            var random = NetRandom(seed: 7)
            Self.train(parameters, adam, steps: 3, random: &random)
            try Checkpoint.save(parameters: parameters, adam: adam, metadata: [(Checkpoint.Key.trainerState, #"{"updates": 3}"#)], to: path)

            let resumed = Self.network(seed: 99)
            let resumedAdam = Adam(parameters: resumed)
            let checkpoint = try Checkpoint.load(from: path)
            #expect(checkpoint.metadata == ["gridmmo.format_version": "1", "gridmmo.adam_step": "3", "gridmmo.trainer_state": #"{"updates": 3}"#])
            #expect(checkpoint.parameters.map(\.name) == ["encoder.bias", "encoder.weight", "head.bias", "head.weight"])
            #expect(checkpoint.parameters.first { $0.name == "encoder.weight" }?.shape == [6, 5])
            try checkpoint.restore(into: resumed, adam: resumedAdam)
            #expect(resumedAdam.step == 3)
            #expect(resumed.values.array == parameters.values.array)
            #expect(resumedAdam.firstMoment.array == adam.firstMoment.array)
            #expect(resumedAdam.secondMoment.array == adam.secondMoment.array)

            var resumedRandom = random
            Self.train(parameters, adam, steps: 2, random: &random)
            Self.train(resumed, resumedAdam, steps: 2, random: &resumedRandom)
            #expect(resumed.values.array == parameters.values.array)
        }
    }

    @Test func parametersAloneRestoreWithoutAdam() throws {
        try Self.withDirectory { directory in
            let path = directory + "/policy.safetensors"
            let parameters = Self.network(seed: 1)
            try Checkpoint.save(parameters: parameters, adam: nil, metadata: [], to: path)
            let checkpoint = try Checkpoint.load(from: path)
            #expect(checkpoint.adam == nil)
            #expect(checkpoint.metadata == ["gridmmo.format_version": "1"])
            let restored = Self.network(seed: 2)
            try checkpoint.restore(into: restored, adam: nil)
            #expect(restored.values.array == parameters.values.array)
            let adam = Adam(parameters: restored)
            #expect(Self.failure { try checkpoint.restore(into: restored, adam: adam) } == "has no Adam state to restore (it was saved without the optimiser)")
        }
    }

    @Test func restoreNamesEveryDifferenceAndChangesNothing() throws {
        try Self.withDirectory { directory in
            let path = directory + "/policy.safetensors"
            try Checkpoint.save(parameters: Self.network(hidden: 64), adam: nil, metadata: [], to: path)
            let checkpoint = try Checkpoint.load(from: path)

            let wider = Self.network(hidden: 128)
            let before = wider.values.array
            #expect(Self.failure { try checkpoint.restore(into: wider, adam: nil) }
                    == "does not fit the policy: tensor 'encoder.weight' has shape [64, 5] in the checkpoint, the policy expects [128, 5]; "
                    + "tensor 'encoder.bias' has shape [64] in the checkpoint, the policy expects [128]; "
                    + "tensor 'head.weight' has shape [3, 64] in the checkpoint, the policy expects [3, 128]")
            #expect(wider.values.array == before)

            let renamed = ParameterSet()
            _ = Linear("encoder", inputs: 5, outputs: 64, in: renamed)
            _ = Linear("policy_head", inputs: 64, outputs: 3, in: renamed)
            renamed.allocate(seed: 3)
            #expect(Self.failure { try checkpoint.restore(into: renamed, adam: nil) }
                    == "does not fit the policy: tensor 'policy_head.weight' (shape [3, 64]) is missing from the checkpoint; "
                    + "tensor 'policy_head.bias' (shape [3]) is missing from the checkpoint; "
                    + "tensor 'head.bias' (shape [3]) is in the checkpoint but not in the policy; "
                    + "tensor 'head.weight' (shape [3, 64]) is in the checkpoint but not in the policy")
        }
    }

    @Test func longListsOfDifferencesAreCut() throws {
        try Self.withDirectory { directory in
            let path = directory + "/many.safetensors"
            let many = ParameterSet()
            for index in 0..<12 { _ = many.add("t\(index)", shape: [1], initialiser: .zeros) }
            many.allocate(seed: 1)
            try Checkpoint.save(parameters: many, adam: nil, metadata: [], to: path)
            let message = Self.failure { try Checkpoint.load(from: path).restore(into: Self.network(), adam: nil) } ?? ""
            #expect(message.hasSuffix("; and 8 more"))
        }
    }

    @Test func saveRefusesReservedNames() throws {
        try Self.withDirectory { directory in
            let path = directory + "/policy.safetensors"
            #expect(Self.failure { try Checkpoint.save(parameters: Self.network(), adam: nil, metadata: [(Checkpoint.Key.formatVersion, "2")], to: path) }
                    == "cannot be written: metadata key 'gridmmo.format_version' is written by Checkpoint.save itself")
            #expect(Self.failure { try Checkpoint.save(parameters: Self.network(), adam: nil, metadata: [(Checkpoint.Key.adamStep, "2")], to: path) }
                    == "cannot be written: metadata key 'gridmmo.adam_step' is written by Checkpoint.save itself")
            let clash = ParameterSet()
            _ = clash.add("adam.scale", shape: [1], initialiser: .zeros)
            clash.allocate(seed: 1)
            #expect(Self.failure { try Checkpoint.save(parameters: clash, adam: nil, metadata: [], to: path) }
                    == "cannot be written: parameter 'adam.scale' starts with 'adam.', which names Adam's moments")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    /// The error loading a checkpoint from safetensors bytes.
    static func loadFailure(_ tensors: [CheckpointTensor], _ metadata: [(String, String)]) throws -> String? {
        let file = try SafeTensorsFile.parse(bytes: SafeTensorsWriter.encode(tensors, metadata: metadata, name: "c"), name: "c")
        return failure { _ = try Checkpoint(file) }
    }

    @Test func loadRefusesFilesThatAreNotConsistentCheckpoints() throws {
        let w = CheckpointTensor(name: "w", shape: [2], values: [1, 2])
        let version = (Checkpoint.Key.formatVersion, "1")
        #expect(try Self.loadFailure([w], []) == "is not a GridMMO checkpoint: its metadata has no gridmmo.format_version")
        #expect(try Self.loadFailure([w], [(Checkpoint.Key.formatVersion, "2")]) == "has checkpoint format version '2', but this build reads version 1")
        #expect(try Self.loadFailure([w, CheckpointTensor(name: "adam.m.w", shape: [2], values: [0, 0]), CheckpointTensor(name: "adam.v.w", shape: [2], values: [0, 0])], [version])
                == "has Adam state but no non-negative integer gridmmo.adam_step (found none)")
        #expect(try Self.loadFailure([w], [version, (Checkpoint.Key.adamStep, "-1")])
                == "has Adam state but no non-negative integer gridmmo.adam_step (found '-1')")
        #expect(try Self.loadFailure([w, CheckpointTensor(name: "adam.m.w", shape: [1], values: [0])], [version, (Checkpoint.Key.adamStep, "1")])
                == "has Adam moments that do not match its parameters: adam.m.w has shape [1], its parameter [2]")
        #expect(try Self.loadFailure([w, CheckpointTensor(name: "adam.m.w", shape: [2], values: [0, 0]), CheckpointTensor(name: "adam.m.x", shape: [2], values: [0, 0])],
                                     [version, (Checkpoint.Key.adamStep, "1")])
                == "has Adam moments that do not match its parameters: adam.m.x has no parameter 'x'")
        #expect(try Self.loadFailure([w, CheckpointTensor(name: "adam.m.w", shape: [2], values: [0, 0])], [version, (Checkpoint.Key.adamStep, "1")])
                == "has Adam moments that do not match its parameters: parameter 'w' has no adam.v.w")
        #expect(try Self.loadFailure([w, CheckpointTensor(name: "adam.w", shape: [2], values: [0, 0])], [version])
                == "tensor 'adam.w' is neither an Adam first moment (adam.m.) nor a second moment (adam.v.)")
        let integers = SafeTensorsTests.file(#"{"__metadata__": {"gridmmo.format_version": "1"}, "w": {"dtype": "I32", "shape": [2], "data_offsets": [0, 8]}}"#, data: SafeTensorsTests.floats)
        #expect(Self.failure { _ = try Checkpoint(SafeTensorsFile.parse(bytes: integers, name: "c")) } == "tensor 'w' has dtype I32; only F32 tensors can be read")
    }

    static let layout = #"{"bytes_per_agent": 48, "segments": [{"name": "tick", "dtype": "int32", "shape": [1], "offset": 0}, {"name": "tiles", "dtype": "uint8", "shape": [15, 15], "offset": 8}]}"#

    /// A checkpoint holding only `metadata`, as loaded.
    static func checkpoint(metadata: [(String, String)]) throws -> Checkpoint {
        try Checkpoint(SafeTensorsFile.parse(bytes: SafeTensorsWriter.encode([], metadata: [(Checkpoint.Key.formatVersion, "1")] + metadata, name: "c"), name: "c"))
    }

    @Test func matchingMetadataPasses() throws {
        let checkpoint = try Self.checkpoint(metadata: [(Checkpoint.Key.observationLayout, Self.layout), (Checkpoint.Key.policy, "mlp 64")])
        try checkpoint.requireMatching(key: Checkpoint.Key.observationLayout, expected: Self.layout)
        try checkpoint.requireMatching(key: Checkpoint.Key.policy, expected: "mlp 64")
        // The same JSON spelled differently: other spacing, other key order, 48.0 for 48.
        let respelled = #"{"segments":[{"shape":[1],"offset":0,"name":"tick","dtype":"int32"},{"offset":8,"name":"tiles","dtype":"uint8","shape":[15,15]}],"bytes_per_agent":48.0}"#
        try checkpoint.requireMatching(key: Checkpoint.Key.observationLayout, expected: respelled)
    }

    @Test func mismatchedMetadataNamesTheFirstDifference() throws {
        let checkpoint = try Self.checkpoint(metadata: [(Checkpoint.Key.observationLayout, Self.layout), (Checkpoint.Key.policy, "mlp hidden=64 layers=2")])
        let smallerTiles = Self.layout.replacingOccurrences(of: "[15, 15]", with: "[11, 11]")
        #expect(Self.failure { try checkpoint.requireMatching(key: Checkpoint.Key.observationLayout, expected: smallerTiles) }
                == "'gridmmo.observation_layout' differs from what this run expects: at segments[1] ('tiles').shape[0], the checkpoint has 15, expected 11")
        let extraSegment = Self.layout.replacingOccurrences(of: "}]}", with: #"}, {"name": "task", "dtype": "int32", "shape": [1], "offset": 240}]}"#)
        #expect(Self.failure { try checkpoint.requireMatching(key: Checkpoint.Key.observationLayout, expected: extraSegment) }
                == "'gridmmo.observation_layout' differs from what this run expects: at segments, the checkpoint has 2 elements, expected 3 elements")
        #expect(Self.failure { try checkpoint.requireMatching(key: Checkpoint.Key.observationLayout, expected: #"{"bytes_per_agent": 48}"#) }
                == "'gridmmo.observation_layout' differs from what this run expects: at segments, the checkpoint has [{\"dtype\": \"int32\", \"name\": \"tick\", \"off…, expected absent")
        #expect(Self.failure { try checkpoint.requireMatching(key: Checkpoint.Key.observationLayout, expected: "[]") }
                == "'gridmmo.observation_layout' differs from what this run expects: at the top level, the checkpoint has {\"bytes_per_agent\": 48, \"segments\": [{\"d…, expected []")
        #expect(Self.failure { try checkpoint.requireMatching(key: Checkpoint.Key.policy, expected: "mlp hidden=128 layers=2") }
                == "'gridmmo.policy' differs from what this run expects at character 12: the checkpoint has '…lp hidden=64 layers=2', expected '…lp hidden=128 layers=2'")
        #expect(Self.failure { try checkpoint.requireMatching(key: Checkpoint.Key.config, expected: "{}") }
                == "has no 'gridmmo.config' metadata to compare with the expected {}")
    }
}
