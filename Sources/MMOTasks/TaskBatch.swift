import MMOCore

/// A fixed list of tasks — a predicate and its subject each — compiled once (for example when an
/// episode's tasks are assigned) and evaluated every tick into a caller-owned buffer without
/// allocating or reference counting per task. One thread at a time may evaluate a batch (each
/// environment owns its own).
public final class TaskBatch {
    /// Number of tasks.
    public let count: Int
    /// The tasks' predicates, as given.
    public let predicates: [TaskPredicate]
    /// The tasks' subjects, as given.
    public let subjects: [Subject]

    /// All programs' nodes, links and target slots, back to back.
    let nodes: FixedArray<ProgramNode>
    let links: FixedArray<Int32>
    let targets: FixedArray<Int32>
    /// Root node of each task.
    let roots: FixedArray<Int32>
    /// All subjects' members back to back; task `i`'s are `memberStart[i]..<memberStart[i + 1]`.
    let members: FixedArray<Int>
    let memberStart: FixedArray<Int32>
    /// The members of the task being evaluated, read by the evaluation context.
    let currentMembers = UnsafeMutablePointer<UnsafeBufferPointer<Int>>.allocate(capacity: 1)

    /// Tasks `predicates[i]` for `subjects[i]`.
    public init(predicates: [TaskPredicate], subjects: [Subject]) {
        precondition(predicates.count == subjects.count, "one subject per predicate")
        count = predicates.count
        self.predicates = predicates
        self.subjects = subjects
        var program = PredicateProgram()
        let rootIndices = predicates.map { program.append($0) }
        nodes = FixedArray(repeating: ProgramNode(op: .success, a: 0, b: 0, c: 0, d: 0, e: 0), count: program.nodes.count)
        for (index, node) in program.nodes.enumerated() { nodes[index] = node }
        links = Self.fixed(program.links)
        targets = Self.fixed(program.targets)
        roots = Self.fixed(rootIndices)
        let allMembers = subjects.flatMap(\.members)
        members = FixedArray(repeating: 0, count: allMembers.count)
        for (index, member) in allMembers.enumerated() { members[index] = member }
        currentMembers.initialize(to: UnsafeBufferPointer(start: nil, count: 0))
        memberStart = FixedArray(repeating: 0, count: count + 1)
        for index in 0..<count { memberStart[index + 1] = memberStart[index] + Int32(subjects[index].members.count) }
    }

    deinit {
        nodes.deallocate()
        links.deallocate()
        targets.deallocate()
        roots.deallocate()
        members.deallocate()
        memberStart.deallocate()
        currentMembers.deallocate()
    }

    /// Every task's progress now, in [0, 1], into `progress[0..<count]` (see each `TaskPredicate`
    /// case). Update `counters` for this tick first.
    public func progress(in world: World, counters: ProgressCounters, into progress: UnsafeMutableBufferPointer<Float>) {
        precondition(progress.count >= count, "room for \(count) results needed")
        // The context stays the same for every task (only the members it points to change), so it
        // is not rebuilt per task.
        let context = EvaluationContext(world: world, counters: counters, nodes: nodes.buffer, links: links.buffer, targets: targets.buffer,
                              members: currentMembers)
        for task in 0..<count {
            let start = Int(memberStart[task])
            currentMembers.pointee = UnsafeBufferPointer(start: members.base + start, count: Int(memberStart[task + 1]) - start)
            progress[task] = PredicateEvaluator.clip(context.run(Int(roots[task])))
        }
    }

    /// Every task's progress now, as a new array (for tests and tools; the environment uses
    /// `progress(in:counters:into:)`).
    public func progress(in world: World, counters: ProgressCounters) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            progress(in: world, counters: counters, into: buffer)
            initialized = count
        }
    }

    private static func fixed(_ values: [Int32]) -> FixedArray<Int32> {
        let array = FixedArray<Int32>(repeating: 0, count: values.count)
        for (index, value) in values.enumerated() { array[index] = value }
        return array
    }
}
