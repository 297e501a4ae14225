import Foundation
import MMOCore

/// A saved policy: its parameters, optionally Adam's state, and metadata strings describing what
/// the parameters belong to, in one safetensors file (`SafeTensorsWriter`, `SafeTensorsFile`) that
/// PyTorch and NumPy load as they are.
///
/// Parameters are stored under their `ParameterSet` names with their shapes (`Linear` weights as
/// [outputs, inputs], as `torch.nn.Linear` stores them); Adam's moments as `adam.m.NAME` and
/// `adam.v.NAME` with its step in `gridmmo.adam_step`. The metadata always holds
/// `gridmmo.format_version`; callers add the entries named in `Key` (the observation layout, config,
/// policy sizes, trainer state) so that a resumed or evaluated run can check, with
/// `requireMatching(key:expected:)`, that the checkpoint fits it before `restore` copies anything.
public struct Checkpoint: Sendable {
    /// The version of this layout of tensors and metadata, written as `gridmmo.format_version`.
    public static let formatVersion = 1

    /// Metadata keys GridMMO writes or reads.
    public enum Key {
        /// The checkpoint layout's version; written by `save`.
        public static let formatVersion = "gridmmo.format_version"
        /// Adam's step count; written by `save` with Adam's moments.
        public static let adamStep = "gridmmo.adam_step"
        /// The observation layout the policy reads (`ObservationLayout.json`).
        public static let observationLayout = "gridmmo.observation_layout"
        /// The environment config the policy was trained with, as JSON.
        public static let config = "gridmmo.config"
        /// The policy's architecture and sizes, as JSON.
        public static let policy = "gridmmo.policy"
        /// Free-form JSON of the trainer's own state (update count, random state, schedules).
        public static let trainerState = "gridmmo.trainer_state"
    }

    /// The file the checkpoint was read from.
    public let path: String
    /// The parameter tensors, sorted by name.
    public let parameters: [CheckpointTensor]
    /// Adam's state, when the checkpoint was saved with it.
    public let adam: AdamMoments?
    /// Every metadata entry, `Key.formatVersion` included.
    public let metadata: [String: String]

    /// Writes `parameters` (and `adam`'s moments and step, when given) with `metadata` to `path`,
    /// atomically. `metadata` may not set `Key.formatVersion` or `Key.adamStep`, which `save` writes,
    /// and no parameter name may start with `adam.`, which names Adam's moments.
    public static func save(parameters: ParameterSet, adam: Adam?, metadata: [(String, String)], to path: String) throws(CheckpointError) {
        precondition(parameters.values.count == parameters.count, "Checkpoint.save needs allocated parameters")
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: path, message: "cannot be written: \(message)") }
        if let reserved = metadata.first(where: { $0.0 == Key.formatVersion || $0.0 == Key.adamStep }) {
            throw failure("metadata key '\(reserved.0)' is written by Checkpoint.save itself")
        }
        if let clash = parameters.slices.first(where: { $0.name.hasPrefix("adam.") }) {
            throw failure("parameter '\(clash.name.excerpt())' starts with 'adam.', which names Adam's moments")
        }
        func tensors(_ base: UnsafeMutablePointer<Float>, prefix: String) -> [CheckpointTensor] {
            parameters.slices.map { slice in
                CheckpointTensor(name: prefix + slice.name, shape: slice.shape, values: Array(UnsafeBufferPointer(start: slice.pointer(in: base), count: slice.count)))
            }
        }
        var all = tensors(parameters.values.pointer, prefix: "")
        var entries = [(Key.formatVersion, String(formatVersion))] + metadata
        if let adam {
            precondition(adam.firstMoment.count == parameters.count, "Checkpoint.save: Adam was made for another ParameterSet")
            all += tensors(adam.firstMoment.pointer, prefix: AdamMoments.firstMomentPrefix)
            all += tensors(adam.secondMoment.pointer, prefix: AdamMoments.secondMomentPrefix)
            entries.append((Key.adamStep, String(adam.step)))
        }
        try SafeTensorsWriter.write(all, metadata: entries, to: path)
    }

    /// Reads the checkpoint at `path`.
    public static func load(from path: String) throws(CheckpointError) -> Checkpoint {
        try Checkpoint(SafeTensorsFile.read(path: path))
    }

    /// The checkpoint a safetensors file holds. Throws unless the file has a supported
    /// `gridmmo.format_version`, only F32 tensors, and, if it has Adam moments, a first and second
    /// moment for exactly its parameters, with their shapes, and a step.
    public init(_ file: SafeTensorsFile) throws(CheckpointError) {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: file.path, message: message) }
        guard let version = file.metadata[Key.formatVersion] else {
            throw failure("is not a GridMMO checkpoint: its metadata has no \(Key.formatVersion)")
        }
        guard version == String(Self.formatVersion) else {
            throw failure("has checkpoint format version '\(version.excerpt())', but this build reads version \(Self.formatVersion)")
        }
        var parameters: [CheckpointTensor] = [], first: [CheckpointTensor] = [], second: [CheckpointTensor] = []
        for tensor in try file.floatTensors() {
            if tensor.name.hasPrefix(AdamMoments.firstMomentPrefix) {
                first.append(CheckpointTensor(name: String(tensor.name.dropFirst(AdamMoments.firstMomentPrefix.count)), shape: tensor.shape, values: tensor.values))
            } else if tensor.name.hasPrefix(AdamMoments.secondMomentPrefix) {
                second.append(CheckpointTensor(name: String(tensor.name.dropFirst(AdamMoments.secondMomentPrefix.count)), shape: tensor.shape, values: tensor.values))
            } else if tensor.name.hasPrefix("adam.") {
                throw failure("tensor '\(tensor.name.excerpt())' is neither an Adam first moment (\(AdamMoments.firstMomentPrefix)) nor a second moment (\(AdamMoments.secondMomentPrefix))")
            } else {
                parameters.append(tensor)
            }
        }
        let step = file.metadata[Key.adamStep]
        if first.isEmpty, second.isEmpty, step == nil {
            adam = nil
        } else {
            guard let step, let count = Int(step), count >= 0 else {
                throw failure("has Adam state but no non-negative integer \(Key.adamStep) (found \(step.map { "'\($0.excerpt())'" } ?? "none"))")
            }
            for (prefix, moments) in [(AdamMoments.firstMomentPrefix, first), (AdamMoments.secondMomentPrefix, second)] {
                let differences = TensorLayoutDifference.differences(found: moments.map { ($0.name, $0.shape) }, expected: parameters.map { ($0.name, $0.shape) })
                guard differences.isEmpty else {
                    let descriptions = differences.map { difference in
                        switch difference {
                        case .shape(let name, let found, let expected):
                            return "\(prefix)\(name.excerpt()) has shape \(CheckpointTensor.shapeText(found)), its parameter \(CheckpointTensor.shapeText(expected))"
                        case .missing(let name, _): return "parameter '\(name.excerpt())' has no \(prefix)\(name.excerpt())"
                        case .extra(let name, _): return "\(prefix)\(name.excerpt()) has no parameter '\(name.excerpt())'"
                        }
                    }
                    throw failure("has Adam moments that do not match its parameters: \(TensorLayoutDifference.summary(descriptions))")
                }
            }
            adam = AdamMoments(step: count, firstMoment: first, secondMoment: second)
        }
        path = file.path
        self.parameters = parameters
        metadata = file.metadata
    }

    /// Copies the parameters into `parameters` (allocated) and, when `adam` is given, the moments
    /// and step into it. Checks everything first and changes nothing when it throws: when a tensor
    /// is missing, extra or of another shape (each difference named), or `adam` is given and the
    /// checkpoint has no Adam state.
    public func restore(into parameters: ParameterSet, adam: Adam?) throws(CheckpointError) {
        precondition(parameters.values.count == parameters.count, "Checkpoint.restore needs allocated parameters")
        let differences = TensorLayoutDifference.differences(found: self.parameters.map { ($0.name, $0.shape) },
                                                             expected: parameters.slices.map { ($0.name, $0.shape) })
        guard differences.isEmpty else {
            let descriptions = differences.map { difference in
                switch difference {
                case .shape(let name, let found, let expected):
                    return "tensor '\(name.excerpt())' has shape \(CheckpointTensor.shapeText(found)) in the checkpoint, the policy expects \(CheckpointTensor.shapeText(expected))"
                case .missing(let name, let expected):
                    return "tensor '\(name.excerpt())' (shape \(CheckpointTensor.shapeText(expected))) is missing from the checkpoint"
                case .extra(let name, let found):
                    return "tensor '\(name.excerpt())' (shape \(CheckpointTensor.shapeText(found))) is in the checkpoint but not in the policy"
                }
            }
            throw CheckpointError(path: path, message: "does not fit the policy: \(TensorLayoutDifference.summary(descriptions))")
        }
        if let adam {
            precondition(adam.firstMoment.count == parameters.count, "Checkpoint.restore: Adam was made for another ParameterSet")
            guard let moments = self.adam else {
                throw CheckpointError(path: path, message: "has no Adam state to restore (it was saved without the optimiser)")
            }
            Self.copy(moments.firstMoment, into: adam.firstMoment.pointer, slices: parameters.slices)
            Self.copy(moments.secondMoment, into: adam.secondMoment.pointer, slices: parameters.slices)
            adam.step = moments.step
        }
        Self.copy(self.parameters, into: parameters.values.pointer, slices: parameters.slices)
    }

    /// Copies each tensor into its slice of a flat buffer; the names and shapes were checked.
    private static func copy(_ tensors: [CheckpointTensor], into base: UnsafeMutablePointer<Float>, slices: [ParameterSlice]) {
        var byName: [String: CheckpointTensor] = [:]
        for tensor in tensors { byName[tensor.name] = tensor }
        for slice in slices {
            guard let tensor = byName[slice.name] else { preconditionFailure("tensor '\(slice.name)' was checked to be present") }
            slice.pointer(in: base).update(from: tensor.values, count: slice.count)
        }
    }

    /// Throws unless the metadata entry `key` equals `expected`: as JSON (numbers by value, keys in
    /// any order) when both are JSON, else as text. The error names the first difference: the path
    /// to the first differing JSON value (an array element by its `name` member, such as an
    /// observation segment), or the first differing character, with short excerpts of both sides.
    public func requireMatching(key: String, expected: String) throws(CheckpointError) {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: path, message: message) }
        guard let found = metadata[key] else {
            throw failure("has no '\(key.excerpt())' metadata to compare with the expected \(expected.excerpt())")
        }
        guard found != expected else { return }
        if let foundJSON = try? JSONValue.parse(Data(found.utf8)), let expectedJSON = try? JSONValue.parse(Data(expected.utf8)) {
            guard let difference = JSONDifference.first(found: foundJSON, expected: expectedJSON) else { return }
            let place = difference.path.isEmpty ? "the top level" : difference.path
            throw failure("'\(key.excerpt())' differs from what this run expects: at \(place), the checkpoint has \(difference.found), expected \(difference.expected)")
        }
        let common = zip(found, expected).prefix { $0 == $1 }.count
        let start = max(0, common - 10)
        func excerpt(_ text: String) -> String {
            (start > 0 ? "…" : "") + String(text.dropFirst(start)).excerpt(30)
        }
        throw failure("'\(key.excerpt())' differs from what this run expects at character \(common + 1): the checkpoint has '\(excerpt(found))', expected '\(excerpt(expected))'")
    }
}
