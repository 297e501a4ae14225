import MMOCore

/// A set of compiled predicate programs and a list of tasks — a program and a subject each —
/// evaluated every tick into a caller-owned buffer without allocating or reference counting per
/// task. The programs are compiled once (for an environment, every spec of its curriculum); the
/// task list can then be refilled at every reset with `removeAllTasks()` and `append(program:members:)`,
/// which allocate nothing. One thread at a time may use a batch (each environment owns its own).
public final class TaskBatch {
    /// The compiled programs' predicates, as given.
    public let predicates: [TaskPredicate]
    /// Most tasks the batch holds.
    public let capacity: Int
    /// Most subject members, summed over the tasks, that the batch holds.
    public let memberCapacity: Int
    /// Number of tasks now.
    public private(set) var count = 0

    /// All programs' nodes, links and target slots, back to back.
    let nodes: FixedArray<ProgramNode>
    let links: FixedArray<Int32>
    let targets: FixedArray<Int32>
    /// Root node of each program.
    let programRoots: FixedArray<Int32>
    /// Program of each task.
    let taskProgram: FixedArray<Int32>

    /// All tasks' subject members back to back; task `i`'s are `memberStart[i]..<memberStart[i + 1]`.
    let members: FixedArray<Int>
    let memberStart: FixedArray<Int32>
    /// The members of the task being evaluated, read by the evaluation context.
    let currentMembers = UnsafeMutablePointer<UnsafeBufferPointer<Int>>.allocate(capacity: 1)

    /// The programs of `predicates`, with room for `capacity` tasks whose subjects have
    /// `memberCapacity` members in all; no tasks yet.
    public init(programs predicates: [TaskPredicate], capacity: Int, memberCapacity: Int) {
        precondition(capacity >= 0 && memberCapacity >= 0, "capacities must not be negative")
        self.predicates = predicates
        self.capacity = capacity
        self.memberCapacity = memberCapacity
        var program = PredicateProgram()
        let roots = predicates.map { program.append($0) }
        nodes = FixedArray(repeating: ProgramNode(op: .success, a: 0, b: 0, c: 0, d: 0, e: 0), count: program.nodes.count)
        for (index, node) in program.nodes.enumerated() { nodes[index] = node }
        links = Self.fixed(program.links)
        targets = Self.fixed(program.targets)
        programRoots = Self.fixed(roots)
        taskProgram = FixedArray(repeating: 0, count: capacity)

        members = FixedArray(repeating: 0, count: memberCapacity)
        memberStart = FixedArray(repeating: 0, count: capacity + 1)
        currentMembers.initialize(to: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Tasks `predicates[i]` for `subjects[i]`, one program per task.
    public convenience init(predicates: [TaskPredicate], subjects: [Subject]) {
        precondition(predicates.count == subjects.count, "one subject per predicate")
        self.init(programs: predicates, capacity: predicates.count, memberCapacity: subjects.reduce(0) { $0 + $1.members.count })
        for (program, subject) in subjects.enumerated() {
            _ = subject.members.withUnsafeBufferPointer { append(program: program, members: $0) }
        }
    }

    deinit {
        nodes.deallocate()
        links.deallocate()
        targets.deallocate()
        programRoots.deallocate()
        taskProgram.deallocate()
        members.deallocate()
        memberStart.deallocate()
        currentMembers.deallocate()
    }

    /// Number of compiled programs.
    public var programCount: Int { programRoots.count }

    /// The operation at the root of `program`: tasks sorted by it evaluate faster, since the
    /// evaluator then takes the same branches task after task.
    public func rootOperation(of program: Int) -> Int { Int(nodes[Int(programRoots[program])].op.rawValue) }

    /// Empties the task list (the programs stay).
    public func removeAllTasks() { count = 0 }

    /// Adds a task: `program` evaluated for the player slots `members` (ascending, distinct, at
    /// least one), without allocating. Returns the task's index.
    @discardableResult
    public func append(program: Int, members slots: UnsafeBufferPointer<Int>) -> Int {
        precondition(program >= 0 && program < programCount, "program \(program) out of 0..<\(programCount)")
        precondition(count < capacity, "the batch holds at most \(capacity) tasks")
        let start = Int(memberStart[count])
        precondition(!slots.isEmpty && start + slots.count <= memberCapacity, "a task needs 1 to \(memberCapacity - start) members here")
        (members.base + start).update(from: slots.baseAddress!, count: slots.count)
        taskProgram[count] = Int32(program)
        memberStart[count + 1] = Int32(start + slots.count)
        count += 1
        return count - 1
    }

    /// The program of task `task`.
    public func program(ofTask task: Int) -> Int { Int(taskProgram[task]) }

    /// Every task's progress now, in [0, 1], into `progress[0..<count]` (see each `TaskPredicate`
    /// case). Update `counters` for this tick first.
    public func progress(in world: World, counters: ProgressCounters, into progress: UnsafeMutableBufferPointer<Float>) {
        precondition(progress.count >= count, "room for \(count) results needed")
        let context = makeContext(world, counters)
        for task in 0..<count { progress[task] = evaluate(task, context) }
    }

    /// The progress of the tasks listed in `tasks` only, each into `progress[task]`, in list order
    /// (list tasks of the same program or root operation together for speed).
    public func progress(
        ofTasks tasks: UnsafeBufferPointer<Int32>, in world: World, counters: ProgressCounters, into progress: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(progress.count >= count, "room for \(count) results needed")
        let context = makeContext(world, counters)
        for listed in tasks {
            let task = Int(listed)
            precondition(UInt(bitPattern: task) < UInt(count), "task out of range")
            progress[task] = evaluate(task, context)
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

    /// The context stays the same for every task (only the members it points to change), so it is
    /// built once per evaluation pass.
    private func makeContext(_ world: World, _ counters: ProgressCounters) -> EvaluationContext {
        EvaluationContext(world: world, counters: counters, nodes: nodes.buffer, links: links.buffer, targets: targets.buffer,
                          members: currentMembers)
    }

    @inline(__always)
    private func evaluate(_ task: Int, _ context: EvaluationContext) -> Float {
        let start = Int(memberStart[task])
        currentMembers.pointee = UnsafeBufferPointer(start: members.base + start, count: Int(memberStart[task + 1]) - start)
        return context.run(Int(programRoots[Int(taskProgram[task])]))
    }

    private static func fixed(_ values: [Int32]) -> FixedArray<Int32> {
        let array = FixedArray<Int32>(repeating: 0, count: values.count)
        for (index, value) in values.enumerated() { array[index] = value }
        return array
    }
}
