/// total = parts[0] + parts[1] + ... + parts[count - 1], element by element, added in that order
/// whatever `workers` is (each worker sums a range of elements): how per-pass gradients are
/// reduced so that a result never depends on the thread count.
public func sumInOrder(_ parts: [Tensor], count: Int, into total: Tensor, workers: Int) {
    precondition(count >= 1 && count <= parts.count && parts.allSatisfy { $0.count == total.count }, "sumInOrder shapes")
    let sum = total.pointer
    runWorkers(workers, splitting: total.count) { range in
        let first = parts[0].pointer
        for index in range { sum[index] = first[index] }
        for part in 1..<count {
            let g = parts[part].pointer
            for index in range { sum[index] += g[index] }
        }
    }
}
