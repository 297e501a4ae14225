import Foundation
import Testing
import MMONet

/// The checkpoint that `Tests/Python/read_checkpoint.py --expect-fixture` checks with the
/// `safetensors` package (`make check-checkpoint-python`): written to `GRIDMMO_CHECKPOINT_OUT`
/// when that is set, else to a temporary file; either way read back here. The script recomputes
/// the same values: each tensor row-major `base + index * scale`, base the parameter name's length
/// (negated for first moments), scale 0.5 for parameters, 0.25 and 0.125 for the moments.
@Suite struct PythonFixtureTests {
    static let shapes: [(String, [Int])] = [
        ("encoder.weight", [8, 5]), ("encoder.bias", [8]), ("head.weight", [3, 8]), ("head.bias", [3]),
        ("log_temperature", []), ("unused", [0, 4]),
    ]
    static let adamStep = 7
    static let metadata: [(String, String)] = [
        (Checkpoint.Key.observationLayout,
         "{\n  \"bytes_per_agent\": 16,\n  \"segments\": [\n    {\"name\": \"tick\", \"dtype\": \"int32\", \"shape\": [1], \"offset\": 0, \"columns\": []}\n  ]\n}"),
        (Checkpoint.Key.policy, #"{"hidden": 8, "layers": ["encoder", "head"]}"#),
        (Checkpoint.Key.trainerState, #"{"updates": 7, "note": "λ \"quoted\" \\ tab\t"}"#),
    ]

    /// Fills each slice of `base` with `sign * (name length + index * scale)`.
    static func fill(_ base: UnsafeMutablePointer<Float>, _ parameters: ParameterSet, sign: Float, scale: Float) {
        for slice in parameters.slices {
            for index in 0..<slice.count { slice.pointer(in: base)[index] = sign * (Float(slice.name.count) + Float(index) * scale) }
        }
    }

    @Test func writeTheFixtureThatPythonReads() throws {
        let parameters = ParameterSet()
        for (name, shape) in Self.shapes { _ = parameters.add(name, shape: shape, initialiser: .zeros) }
        parameters.allocate(seed: 1)
        let adam = Adam(parameters: parameters)
        Self.fill(parameters.values.pointer, parameters, sign: 1, scale: 0.5)
        Self.fill(adam.firstMoment.pointer, parameters, sign: -1, scale: 0.25)
        Self.fill(adam.secondMoment.pointer, parameters, sign: 1, scale: 0.125)
        adam.step = Self.adamStep

        let requested = ProcessInfo.processInfo.environment["GRIDMMO_CHECKPOINT_OUT"]
        let path = requested ?? FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-fixture-\(UUID().uuidString).safetensors").path
        defer { if requested == nil { try? FileManager.default.removeItem(atPath: path) } }
        try Checkpoint.save(parameters: parameters, adam: adam, metadata: Self.metadata, to: path)

        let checkpoint = try Checkpoint.load(from: path)
        #expect(checkpoint.adam?.step == Self.adamStep)
        #expect(checkpoint.parameters.count == Self.shapes.count)
        #expect(checkpoint.parameters.first { $0.name == "head.bias" }?.values == [9, 9.5, 10])
        #expect(checkpoint.adam?.firstMoment.first { $0.name == "log_temperature" }?.values == [-15])
        for (key, value) in Self.metadata { try checkpoint.requireMatching(key: key, expected: value) }
    }
}
