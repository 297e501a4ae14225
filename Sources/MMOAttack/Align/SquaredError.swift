/// The sum of squared differences of two `count`-long vectors (summed in single precision).
@inline(__always) func squaredError(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Double {
    var sum: Float = 0
    for c in 0..<count {
        let difference = a[c] - b[c]
        sum += difference * difference
    }
    return Double(sum)
}
