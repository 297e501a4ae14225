import MMOCore

/// One predicate's progress in [0, 1] for one subject, from the world's current state and the
/// episode's `ProgressCounters` (update those first, once per tick), and the arithmetic the
/// predicates share. The per-tick path is `TaskBatch`, which allocates nothing.
public enum PredicateEvaluator {
    /// Progress of `predicate` for `subject` now, in [0, 1] (see each `TaskPredicate` case). This
    /// compiles the predicate at every call, which suits tests and tools; per tick, use a `TaskBatch`.
    public static func progress(of predicate: TaskPredicate, for subject: Subject, in world: World, counters: ProgressCounters) -> Float {
        TaskBatch(predicates: [predicate], subjects: [subject]).progress(in: world, counters: counters)[0]
    }

    /// `value` limited to [0, 1].
    @inline(__always)
    static func clip(_ value: Float) -> Float { value < 0 ? 0 : value > 1 ? 1 : value }

    /// `amount / goal` limited to [0, 1]; a goal of 0 or less is reached.
    @inline(__always)
    static func ratio(_ amount: Int, _ goal: Int) -> Float {
        goal <= 0 ? 1 : clip(Float(amount) / Float(goal))
    }
}
