/// Where one named parameter tensor lives inside a `ParameterSet`'s flat storage.
public struct ParameterSlice: Sendable, Equatable {
    public let name: String
    public let shape: [Int]
    public let offset: Int
    public let count: Int

    /// This parameter's values inside a flat buffer laid out like the set (parameters or gradients).
    @inline(__always) public func pointer(in base: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> { base + offset }
}

/// All of a network's parameters in one flat, contiguous float32 vector, each named tensor a slice
/// of it. One vector makes the optimiser, gradient clipping, gradient reduction across workers and
/// checkpoints single loops over memory; gradients use a second vector with the same layout.
public final class ParameterSet: @unchecked Sendable {
    public private(set) var slices: [ParameterSlice] = []
    public private(set) var count = 0
    private var initialisers: [ParameterInitialiser] = []
    /// Parameter values; allocated by `allocate`.
    public private(set) var values: Tensor = Tensor(shape: [0])

    public init() {}

    /// Registers a parameter tensor; its values exist after `allocate`. Names are unique.
    public func add(_ name: String, shape: [Int], initialiser: ParameterInitialiser) -> ParameterSlice {
        precondition(!slices.contains { $0.name == name }, "parameter '\(name)' registered twice")
        precondition(values.count == 0, "parameters are registered before allocate()")
        let slice = ParameterSlice(name: name, shape: shape, offset: count, count: shape.reduce(1, *))
        slices.append(slice)
        initialisers.append(initialiser)
        // Keep every tensor 16-float (64-byte) aligned for the BLAS kernels.
        count += (slice.count + 15) & ~15
        return slice
    }

    /// Allocates the flat vector and initialises every tensor in registration order from `seed`.
    public func allocate(seed: UInt64) {
        values = Tensor(shape: [count])
        var random = NetRandom(seed: seed)
        for (slice, initialiser) in zip(slices, initialisers) {
            initialiser.fill(UnsafeMutableBufferPointer(start: values.pointer + slice.offset, count: slice.count), shape: slice.shape, random: &random)
        }
    }

    /// A zeroed gradient (or moment) vector with this set's layout.
    public func makeGradient() -> Tensor { Tensor(shape: [count]) }

    /// Parameters actually used (the alignment padding excluded).
    public var parameterCount: Int { slices.reduce(0) { $0 + $1.count } }

    public func slice(named name: String) -> ParameterSlice? { slices.first { $0.name == name } }
}
