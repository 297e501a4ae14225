/// Team-steps of clean observations for fitting the misalignment model: sample s holds, for each
/// of the `places` places of the attacked set M, that member's `AlignmentEncoding` vector at one
/// step (`dimension` values; zeros and `living` 0 when the member was dead), with the step and
/// group it was seen at. Every sample has at least two living members.
public struct AlignmentSamples: Sendable, Equatable {
    public let places: Int
    public let dimension: Int
    /// Samples held.
    public private(set) var count: Int
    /// [capacity, places, dimension] vectors, [capacity, places] living flags; the first `count` samples are in use.
    public private(set) var vectors: [Float]
    public private(set) var living: [UInt8]
    /// Per sample: the collection step and the group it comes from.
    public private(set) var steps: [Int32]
    public private(set) var groups: [Int32]

    /// `capacity` empty samples.
    init(places: Int, dimension: Int, capacity: Int) {
        self.places = places
        self.dimension = dimension
        count = 0
        vectors = Array(repeating: 0, count: capacity * places * dimension)
        living = Array(repeating: 0, count: capacity * places)
        steps = Array(repeating: 0, count: capacity)
        groups = Array(repeating: 0, count: capacity)
    }

    /// Samples from given vectors ([count, places, dimension]) and living flags ([count, places]),
    /// with steps and groups 0 (synthetic data, or samples kept elsewhere).
    public init(places: Int, dimension: Int, vectors: [Float], living: [UInt8]) {
        precondition(places > 0 && dimension > 0 && vectors.count % (places * dimension) == 0, "vectors must be [count, places, dimension]")
        let count = vectors.count / (places * dimension)
        precondition(living.count == count * places, "living flags must be [count, places]")
        self.init(places: places, dimension: dimension, capacity: count)
        self.count = count
        self.vectors = vectors
        self.living = living
    }

    /// Sample `sample`'s vector of place `place`.
    @inline(__always) func vectorOffset(sample: Int, place: Int) -> Int { (sample * places + place) * dimension }

    /// The same samples restricted to `subset` (ascending places): a model of those places only,
    /// as the targeted attack fits on the places it selected. Samples left with fewer than two
    /// living members are dropped.
    public func restricted(to subset: [Int]) -> AlignmentSamples {
        precondition(subset == subset.sorted() && Set(subset).count == subset.count && subset.allSatisfy { (0..<places).contains($0) },
                     "places must be distinct, ascending and below \(places)")
        var result = AlignmentSamples(places: subset.count, dimension: dimension, capacity: count)
        for sample in 0..<count where subset.count(where: { living[sample * places + $0] != 0 }) >= 2 {
            for (index, place) in subset.enumerated() {
                let from = vectorOffset(sample: sample, place: place), to = result.vectorOffset(sample: result.count, place: index)
                result.vectors.replaceSubrange(to..<to + dimension, with: vectors[from..<from + dimension])
                result.living[result.count * subset.count + index] = living[sample * places + place]
            }
            result.steps[result.count] = steps[sample]
            result.groups[result.count] = groups[sample]
            result.count += 1
        }
        return result
    }

    /// Writes sample slot `slot` (below the capacity) from the members' vectors: `write(place,
    /// vector)` fills each living place's `dimension` values and returns; the slot is counted.
    mutating func store(slot: Int, step: Int, group: Int, living flags: UnsafePointer<UInt8>,
                        write: (Int, UnsafeMutablePointer<Float>) -> Void) {
        let places = places, dimension = dimension
        vectors.withUnsafeMutableBufferPointer { values in
            for place in 0..<places {
                let vector = values.baseAddress! + (slot * places + place) * dimension
                if flags[place] != 0 { write(place, vector) } else { vector.update(repeating: 0, count: dimension) }
            }
        }
        for place in 0..<places { living[slot * places + place] = flags[place] }
        steps[slot] = Int32(step)
        groups[slot] = Int32(group)
        count = max(count, slot + 1)
    }
}
