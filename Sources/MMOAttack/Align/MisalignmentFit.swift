import Dispatch
import MMONet

extension MisalignmentModel {
    /// Rows per forward/backward pass of the fit and the attack: a batch of 64 pairs is two passes.
    /// The cut depends only on the data, never on the thread count, so results repeat exactly on
    /// any number of threads (sgemm's result for a row can depend on the other rows of its call).
    static let passRows = 32

    /// Fits the model to `samples` (its places and dimension) by MSE with Adam (PyTorch's eps,
    /// 1e-8), from its current parameters: the samples are split 90/10 by a seeded shuffle (whole team-steps, so a step's pairs
    /// never straddle the split), each epoch visits the training pairs in a seeded order in
    /// batches, and the parameters of the epoch with the lowest validation MSE are kept. Each
    /// batch is cut into passes of `passRows` dealt to `threads` workers; the passes' gradients are
    /// summed in pass order.
    public func fit(_ samples: AlignmentSamples, threads: Int = 1) -> AlignmentFitReport {
        precondition(samples.places == places && samples.dimension == dimension, "the samples are for another model")
        precondition(samples.count >= 2, "fitting needs at least two samples (one held out)")
        let start = DispatchTime.now().uptimeNanoseconds
        var random = NetRandom(seed: config.seed ^ 0xF17_5EED)
        var order = Array(0..<samples.count)
        random.shuffle(&order)
        let held = min(samples.count - 1, max(1, Int((Double(samples.count) * config.validationFraction).rounded())))
        var trainPairs = pairs(of: order.dropFirst(held).sorted(), in: samples)
        let validationPairs = pairs(of: order.prefix(held).sorted(), in: samples)

        let threads = max(1, threads), batch = max(1, config.batchSize)
        let workspaces = (0..<threads).map { _ in MisalignmentWorkspace(model: self, capacity: Self.passRows, inputGradient: false) }
        let passGradients = (0..<(batch + Self.passRows - 1) / Self.passRows).map { _ in parameters.makeGradient() }
        let total = parameters.makeGradient(), best = parameters.makeGradient()
        let adam = Adam(parameters: parameters, epsilon: 1e-8)
        var report = AlignmentFitReport()
        report.samples = samples.count
        report.trainSamples = samples.count - held
        report.validationSamples = held
        report.trainPairs = trainPairs.count
        report.validationPairs = validationPairs.count
        report.validationMSE = .infinity
        let vectors = samples.vectors
        vectors.withUnsafeBufferPointer { vectors in
            let vectors = vectors.baseAddress!
            for epoch in 1...max(1, config.maximumEpochs) {
                random.shuffle(&trainPairs)
                for first in stride(from: 0, to: trainPairs.count, by: batch) {
                    let rows = trainPairs[first..<min(first + batch, trainPairs.count)]
                    step(rows, vectors: vectors, workspaces: workspaces, passGradients: passGradients, total: total, adam: adam)
                }
                report.epochs = epoch
                let validation = errors(validationPairs, vectors: vectors, workspaces: workspaces).mean
                if validation < report.validationMSE {
                    report.validationMSE = validation
                    report.bestEpoch = epoch
                    best.pointer.update(from: parameters.values.pointer, count: parameters.count)
                } else if config.patience > 0, epoch - report.bestEpoch >= config.patience {
                    break
                }
            }
            parameters.values.pointer.update(from: best.pointer, count: parameters.count)
            report.trainMSE = errors(trainPairs, vectors: vectors, workspaces: workspaces).mean
            let validation = errors(validationPairs, vectors: vectors, workspaces: workspaces)
            report.placeValidationMSE = (0..<places).map { validation.pairs[$0] > 0 ? validation.sums[$0] / Double(validation.pairs[$0]) : 0 }
            report.placeValidationPairs = validation.pairs
            report.baselineMSE = baseline(train: trainPairs, validation: validationPairs, vectors: vectors)
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }

    /// The clean J_i of every place over the given samples (their mean error as the target), and
    /// how many pairs each rests on.
    public func placeErrors(_ samples: AlignmentSamples, threads: Int = 1) -> (errors: [Double], pairs: [Int]) {
        precondition(samples.places == places && samples.dimension == dimension, "the samples are for another model")
        let workspaces = (0..<max(1, threads)).map { _ in MisalignmentWorkspace(model: self, capacity: Self.passRows, inputGradient: false) }
        let result = samples.vectors.withUnsafeBufferPointer { vectors in
            errors(pairs(of: Array(0..<samples.count), in: samples), vectors: vectors.baseAddress!, workspaces: workspaces)
        }
        return ((0..<places).map { result.pairs[$0] > 0 ? result.sums[$0] / Double(result.pairs[$0]) : .infinity }, result.pairs)
    }

    /// Pair p = sample x places + place, for every living place of the given samples.
    private func pairs(of chosen: [Int], in samples: AlignmentSamples) -> [Int32] {
        var result: [Int32] = []
        for sample in chosen {
            for place in 0..<places where samples.living[sample * places + place] != 0 { result.append(Int32(sample * places + place)) }
        }
        return result
    }

    /// Fills rows 0..<pairs.count of `workspace` with the pairs' inputs and targets.
    private func load(_ pairs: ArraySlice<Int32>, vectors: UnsafePointer<Float>, into workspace: MisalignmentWorkspace) {
        let width = inputWidth
        for (row, pair) in pairs.enumerated() {
            let sample = Int(pair) / places, target = Int(pair) % places
            let input = workspace.input.pointer + row * width
            for member in 0..<places where member != target {
                (input + inputOffset(of: member, predicting: target)).update(from: vectors + (sample * places + member) * dimension, count: dimension)
            }
            setPlace(target, row: input)
            (workspace.target.pointer + row * dimension).update(from: vectors + Int(pair) * dimension, count: dimension)
        }
    }

    /// One Adam step on `rows` pairs.
    private func step(_ rows: ArraySlice<Int32>, vectors: UnsafePointer<Float>, workspaces: [MisalignmentWorkspace],
                      passGradients: [Tensor], total: Tensor, adam: Adam) {
        let count = rows.count, passes = (count + Self.passRows - 1) / Self.passRows, threads = workspaces.count
        let scale = 2 / Float(count * dimension)
        runWorkers(min(threads, passes)) { worker in
            let workspace = workspaces[worker]
            for pass in stride(from: worker, to: passes, by: threads) {
                let range = pass * count / passes..<(pass + 1) * count / passes
                load(rows[(rows.startIndex + range.lowerBound)..<(rows.startIndex + range.upperBound)], vectors: vectors, into: workspace)
                forward(rows: range.count, workspace)
                let output = workspace.output(range.count).pointer, target = workspace.target.pointer
                let gradient = workspace.outputGradient(range.count).pointer
                for index in 0..<range.count * dimension { gradient[index] = scale * (output[index] - target[index]) }
                passGradients[pass].fill(0)
                backward(rows: range.count, workspace, into: passGradients[pass].pointer)
            }
        }
        sumInOrder(passGradients, count: passes, into: total, workers: threads)
        adam.update(parameters: parameters.values, gradients: total, learningRate: config.learningRate, workers: threads)
    }

    /// The summed errors of `pairs` per target place, and the pairs per place, in fixed passes.
    private func errors(_ pairs: [Int32], vectors: UnsafePointer<Float>, workspaces: [MisalignmentWorkspace])
        -> (sums: [Double], pairs: [Int], mean: Double) {
        let passes = (pairs.count + Self.passRows - 1) / Self.passRows, threads = workspaces.count, places = places
        var partial = [Double](repeating: 0, count: passes * places)
        partial.withUnsafeMutableBufferPointer { partial in
            runWorkers(min(threads, passes)) { worker in
                let workspace = workspaces[worker]
                for pass in stride(from: worker, to: passes, by: threads) {
                    let range = pass * pairs.count / passes..<(pass + 1) * pairs.count / passes
                    load(pairs[range], vectors: vectors, into: workspace)
                    forward(rows: range.count, workspace)
                    let output = workspace.output(range.count).pointer, target = workspace.target.pointer
                    for row in 0..<range.count {
                        partial[pass * places + Int(pairs[range.lowerBound + row]) % places] +=
                            squaredError(output + row * dimension, target + row * dimension, count: dimension) / Double(dimension)
                    }
                }
            }
        }
        var sums = [Double](repeating: 0, count: places), counts = [Int](repeating: 0, count: places)
        for pass in 0..<passes { for place in 0..<places { sums[place] += partial[pass * places + place] } }
        for pair in pairs { counts[Int(pair) % places] += 1 }
        return (sums, counts, pairs.isEmpty ? 0 : sums.reduce(0, +) / Double(pairs.count))
    }

    /// The validation MSE of predicting each pair by its place's mean training vector.
    private func baseline(train: [Int32], validation: [Int32], vectors: UnsafePointer<Float>) -> Double {
        var means = [Double](repeating: 0, count: places * dimension), counts = [Int](repeating: 0, count: places)
        for pair in train {
            let place = Int(pair) % places
            counts[place] += 1
            for c in 0..<dimension { means[place * dimension + c] += Double(vectors[Int(pair) * dimension + c]) }
        }
        for place in 0..<places where counts[place] > 0 {
            for c in 0..<dimension { means[place * dimension + c] /= Double(counts[place]) }
        }
        var sum = 0.0
        for pair in validation {
            let place = Int(pair) % places
            var error = 0.0
            for c in 0..<dimension {
                let difference = means[place * dimension + c] - Double(vectors[Int(pair) * dimension + c])
                error += difference * difference
            }
            sum += error / Double(dimension)
        }
        return validation.isEmpty ? 0 : sum / Double(validation.count)
    }
}
