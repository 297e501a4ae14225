import Foundation

/// The terrain fractal of one map: a value in [0, 1] for every playable tile (0 outside), built
/// from `MapRules.octaves` octaves of simplex noise whose mix depends on the distance from the
/// middle.
///
/// Octave wavelengths run geometrically from `center / 4` tiles (octave 0) down to 4 tiles (the
/// last octave); with `center / 2` the middle was so smooth that resource clusters there landed
/// almost only on Grass, giving about 5% more Ore, Tree and Crystal tiles than the reference. A
/// tile at normalised ring distance `d` (0 at the middle, 1 on the spawn ring) weights octave `k` by a Gaussian bump centred on octave `d * (octaves - 1)`, so the middle is
/// made of large smooth regions and the edge of small broken features. The weights of each
/// distance are scaled to unit root-sum-square, which keeps the spread of the blend the same at
/// every distance; the blend is then mapped to `midpoint + contrast * blend` and clamped to [0, 1].
enum TerrainFractal {
    /// Wavelength in tiles of the highest-frequency octave.
    static let shortestWavelength = 4.0
    /// Width (standard deviation, in octaves) of the Gaussian octave bump, as a fraction of the
    /// octave count (at least half an octave). Narrow, so one or two octaves make each tile: the
    /// blend then keeps the flat-topped, light-tailed spread of simplex noise itself, which gives
    /// the reference's balance of Foilage (the 0.70-0.85 band) and Stone (above 0.85); a blend of
    /// many octaves is close to Gaussian and makes about 10% too little Foilage and too much Stone.
    static let bumpWidthFraction = 0.04
    /// Fractal value of a zero blend.
    static let midpoint = 0.5
    /// Gain from blended noise to fractal value, tuned with `bumpWidthFraction` so that default
    /// maps have the reference's mean counts of Water, Grass, Foilage and Stone (within 5%, checked
    /// by `ShippedMapsTests` over the shipped maps).
    static let contrast = 0.62
    /// Octave windows are offset by up to this much, far beyond any map, so octaves are unrelated.
    static let octaveOffsetRange = 4096.0

    /// The fractal for `rules` and `seed`, row-major, `rules.size * rules.size` values.
    static func values(rules: MapRules, seed: UInt64) -> [Double] {
        var rng = Rng(seed: seed, stream: .terrain)
        let noise = SimplexNoise(rng: &rng)
        let octaves = rules.octaves
        let offsets = (0..<octaves).map { _ in
            (x: rng.unit() * octaveOffsetRange, y: rng.unit() * octaveOffsetRange)
        }
        let frequencies = octaveFrequencies(rules: rules)
        let weights = weightsByDistance(rules: rules)

        var fractal = [Double](repeating: 0, count: rules.size * rules.size)
        for row in rules.playableMin...rules.playableMax {
            for col in rules.playableMin...rules.playableMax {
                let tileWeights = weights[rules.ringDistance(row: row, col: col)]
                var blend = 0.0
                for octave in 0..<octaves {
                    let frequency = frequencies[octave]
                    blend += tileWeights[octave] * noise.value(
                        x: Double(col) * frequency + offsets[octave].x,
                        y: Double(row) * frequency + offsets[octave].y)
                }
                fractal[row * rules.size + col] = min(max(midpoint + contrast * blend, 0), 1)
            }
        }
        return fractal
    }

    /// Noise frequency (cycles per tile) of each octave, lowest first.
    private static func octaveFrequencies(rules: MapRules) -> [Double] {
        let longest = max(Double(rules.center) / 4, shortestWavelength)
        guard rules.octaves > 1 else { return [1 / longest] }
        let ratio = longest / shortestWavelength
        return (0..<rules.octaves).map { octave in
            let position = Double(octave) / Double(rules.octaves - 1)
            return pow(ratio, position) / longest
        }
    }

    /// Octave weights for every ring distance `0...playableRadius`, each row scaled to unit
    /// root-sum-square.
    private static func weightsByDistance(rules: MapRules) -> [[Double]] {
        let lastOctave = Double(rules.octaves - 1)
        let width = max(bumpWidthFraction * Double(rules.octaves), 0.5)
        return (0...rules.playableRadius).map { distance in
            let peak = lastOctave * Double(distance) / Double(rules.playableRadius)
            let raw = (0..<rules.octaves).map { octave in
                let offset = (Double(octave) - peak) / width
                return exp(-0.5 * offset * offset)
            }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return raw.map { $0 / norm }
        }
    }
}
