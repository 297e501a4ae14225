import Foundation
import MMOCore

/// Curriculum files: a human-readable JSON list of task specs.
///
/// ```json
/// {"format": "gridmmo-curriculum", "version": 1, "tasks": [
///   {"name": "harvest_whetstone_l3_q5", "predicate": {"HarvestItem": {"item": "whetstone", "level": 3, "quantity": 5}},
///    "reward_to": "agent", "weight": 1.0, "tags": ["item"]}
/// ]}
/// ```
///
/// Predicates are named as in Neural MMO 2.1 (`AllDead`, `TickGE`, `CountEvent`, ...) with their
/// arguments by name (`PredicateRegistry.forms`); item kinds, skills, combat styles, materials, event
/// kinds, agent statuses and types and quadrants are written by name ("whetstone", "fishing", "mage",
/// "foilage", "EAT_FOOD", "dead", "npc", "first") or integer id; player-slot lists as arrays of
/// integers. Combinators: `{"AND": [p, q, ...]}` and `{"OR": [...]}` (at least one operand),
/// `{"NOT": p}`, `{"ADD": [p, q]}`, `{"SUB": [p, q]}`, `{"MUL": [p, q]}`. `reward_to` ("agent" or
/// "team", default "agent"), `weight` (> 0, default 1, all together finite) and `tags` (default none)
/// may be left out; names must be unique and non-empty.
///
/// So that a hostile file exhausts neither memory nor the stack, a file holds at most `largestFile`
/// bytes and predicates nest at most `maximumPredicateDepth` levels (the JSON reader allows
/// `JSONReader.maximumDepth` levels of arrays and objects).
public enum CurriculumFile {
    /// The `format` value every curriculum file holds.
    public static let format = "gridmmo-curriculum"
    /// The format version this code reads and writes.
    public static let version = 1
    /// The largest curriculum file accepted, 16 MiB: the shipped training set of 1,282 tasks takes
    /// about 200 KB.
    public static let largestFile = 16 << 20
    /// The deepest predicate nesting accepted: a leaf alone is one level, `{"NOT": leaf}` two.
    public static let maximumPredicateDepth = 64

    /// Reads and checks the curriculum file at `path`.
    public static func load(path: String) throws(CurriculumError) -> Curriculum {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path, limit: largestFile, kind: "curriculum file")
        } catch {
            throw CurriculumError(file: path, message: error.message)
        }
        return try parse(Data(bytes), file: path)
    }

    /// Parses and checks a curriculum file's bytes; `file` names it in errors.
    public static func parse(_ data: Data, file: String? = nil) throws(CurriculumError) -> Curriculum {
        do {
            return try parseUnplaced(data)
        } catch {
            var placed = error
            placed.file = file
            throw placed
        }
    }

    private static func parseUnplaced(_ data: Data) throws(CurriculumError) -> Curriculum {
        guard data.count <= largestFile else {
            throw CurriculumError(message: "is \(data.count) bytes, more than the \(largestFile) bytes a curriculum file may have")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw CurriculumError(message: "is not valid JSON: \(error)")
        }
        guard case .object(let topLevel) = document else {
            throw CurriculumError(message: "must hold a JSON object at the top level, got \(document.typeName)")
        }
        if let unknown = topLevel.first(where: { !topLevelKeys.contains($0.key) }) {
            throw CurriculumError(message: "unknown top-level key '\(unknown.key.excerpt())' (keys: \(topLevelKeys.joined(separator: ", ")))")
        }
        guard case .string(let formatName)? = document["format"], formatName == format else {
            throw CurriculumError(message: "'format' must be \"\(format)\", got \(document["format"]?.text.excerpt() ?? "nothing")")
        }
        guard case .int(let number)? = document["version"], number == version else {
            throw CurriculumError(message: "'version' must be \(version), got \(document["version"]?.text.excerpt() ?? "nothing")")
        }
        guard case .array(let entries)? = document["tasks"], !entries.isEmpty else {
            throw CurriculumError(message: "'tasks' must be a non-empty array")
        }
        var specs: [TaskSpec] = []
        var indexByName: [String: Int] = [:]
        var totalWeight = 0.0
        for (index, entry) in entries.enumerated() {
            let spec: TaskSpec
            do {
                spec = try task(entry)
            } catch {
                var placed = error
                placed.entry = index
                if case .string(let name)? = entry["name"] { placed.name = name }
                throw placed
            }
            if let first = indexByName[spec.name] {
                throw CurriculumError(entry: index, name: spec.name, message: "duplicate task name (also task \(first))")
            }
            indexByName[spec.name] = index
            totalWeight += spec.weight
            guard totalWeight.isFinite else {
                throw CurriculumError(entry: index, name: spec.name, message: "'weight' \(spec.weight) brings the sum of the weights past the largest finite number")
            }
            specs.append(spec)
        }
        return Curriculum(specs: specs)
    }

    private static let topLevelKeys = ["format", "version", "tasks"]
    private static let taskKeys = ["name", "predicate", "reward_to", "weight", "tags"]

    private static func task(_ entry: JSONValue) throws(CurriculumError) -> TaskSpec {
        guard case .object(let pairs) = entry else {
            throw CurriculumError(message: "must be an object, got \(entry.typeName)")
        }
        if let unknown = pairs.first(where: { !taskKeys.contains($0.key) }) {
            throw CurriculumError(message: "unknown key '\(unknown.key.excerpt())' (keys: \(taskKeys.joined(separator: ", ")))")
        }
        guard case .string(let name)? = entry["name"], !name.isEmpty else {
            throw CurriculumError(message: "'name' must be a non-empty string")
        }
        guard let predicateJSON = entry["predicate"] else {
            throw CurriculumError(message: "missing 'predicate'")
        }
        let predicate = try PredicateSyntax.predicate(from: predicateJSON, path: "predicate")
        var rewardTo = TaskSpec.RewardTarget.agent
        if let value = entry["reward_to"] {
            guard case .string(let text) = value, let target = TaskSpec.RewardTarget(rawValue: text) else {
                throw CurriculumError(message: "'reward_to' must be \"agent\" or \"team\", got \(value.text.excerpt())")
            }
            rewardTo = target
        }
        var weight = 1.0
        if let value = entry["weight"] {
            switch value {
            case .int(let number): weight = Double(number)
            case .double(let number): weight = number
            default: throw CurriculumError(message: "'weight' must be a number, got \(value.typeName)")
            }
            guard weight > 0, weight.isFinite else {
                throw CurriculumError(message: "'weight' must be > 0, got \(value.text)")
            }
        }
        var tags: [String] = []
        if let value = entry["tags"] {
            guard case .array(let items) = value else {
                throw CurriculumError(message: "'tags' must be an array of strings, got \(value.typeName)")
            }
            for item in items {
                guard case .string(let tag) = item else {
                    throw CurriculumError(message: "'tags' must be an array of strings, got \(item.typeName) in it")
                }
                tags.append(tag)
            }
        }
        return TaskSpec(name: name, predicate: predicate, rewardTo: rewardTo, weight: weight, tags: tags)
    }

    /// The curriculum as file bytes: a header, then one task per line.
    public static func data(_ curriculum: Curriculum) -> Data {
        let lines = curriculum.specs.map(taskText)
        let text = "{\"format\": \"\(format)\", \"version\": \(version), \"tasks\": [\n  "
            + lines.joined(separator: ",\n  ") + "\n]}\n"
        return Data(text.utf8)
    }

    /// One task entry as curriculum-file JSON text (one line), as `data(_:)` writes it.
    public static func taskText(_ spec: TaskSpec) -> String {
        JSONValue.object([
            ("name", .string(spec.name)),
            ("predicate", PredicateSyntax.json(spec.predicate)),
            ("reward_to", .string(spec.rewardTo.rawValue)),
            ("weight", .double(spec.weight)),
            ("tags", .array(spec.tags.map { .string($0) })),
        ]).text
    }

    /// A predicate as curriculum-file JSON text, such as
    /// `{"TickGE": {"num_tick": 1024}}`.
    public static func predicateText(_ predicate: TaskPredicate) -> String {
        PredicateSyntax.json(predicate).text
    }

    /// Writes `curriculum` to `path` atomically (`AtomicFile`), so readers never see a partial
    /// file; on failure no temporary file is left.
    public static func write(_ curriculum: Curriculum, path: String) throws(CurriculumError) {
        do {
            try AtomicFile.replace(path, with: data(curriculum))
        } catch {
            throw CurriculumError(file: path, message: error.message)
        }
    }
}
