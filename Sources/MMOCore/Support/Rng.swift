/// The random number generator of the simulation: xoshiro256** (Blackman and Vigna, 2018),
/// seeded through SplitMix64.
///
/// Each environment owns one `Rng` per subsystem, derived with `Rng(seed:stream:)`, so that adding
/// draws in one subsystem never shifts the numbers another subsystem sees. The algorithm is fixed
/// and documented so that a trajectory can be reproduced from its seed in any process, on any
/// thread and by any other implementation of xoshiro256**.
public struct Rng: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Seeds the four state words with four consecutive SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// A generator in a given state: the four words `s[0]...s[3]` of the reference implementation,
    /// so tests can check the outputs against published xoshiro256** values. Not all zero.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// A generator for one subsystem: the environment seed combined with the stream's constant.
    public init(seed: UInt64, stream: RngStream) {
        self.init(seed: SplitMix64.mix(seed ^ (stream.rawValue &* 0x9E37_79B9_7F4A_7C15)))
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-and-reject method).
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "Rng.below needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in the closed range.
    @inline(__always)
    public mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in [0, 1) built from the top 53 bits.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with the given probability.
    @inline(__always)
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Fisher-Yates shuffle of a buffer, in place.
    public mutating func shuffle<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        var i = buffer.count - 1
        while i > 0 {
            buffer.swapAt(i, below(i + 1))
            i -= 1
        }
    }

    /// Fisher-Yates shuffle of an array, in place.
    public mutating func shuffle<T>(_ array: inout [T]) {
        array.withUnsafeMutableBufferPointer { shuffle($0) }
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// The independent random streams of one environment. Values are part of the determinism
/// contract: changing one changes every trajectory.
public enum RngStream: UInt64, Sendable {
    case terrain = 1
    case resources = 2
    case spawning = 3
    case respawn = 4
    case mapChoice = 5
    case combat = 6
    case npcs = 7
    case market = 8
    case drops = 9
    case policy = 10
    case harvest = 11
    case tasks = 12
}

/// SplitMix64 (Steele, Lea and Flood, 2014): expands one 64-bit seed into well-mixed words.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function, usable as a stateless 64-bit hash.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
