import MMONet
import Testing
@testable import MMOAttack

/// f_theta on synthetic teams whose members see one shared latent state through their own fixed
/// linear views, plus a little noise: it must learn to predict a member from its teammates far
/// better than the mean, repeat exactly for a seed on any thread count, and rank places by J_i.
@Suite struct MisalignmentModelTests {
    /// `count` samples of `places` members, each vector = view_p(latent) + noise x N(0, 1), with
    /// every place in `noisy` replaced by pure noise (unpredictable from its teammates); member 3 of
    /// every fifth sample is dead (zeros).
    static func correlated(count: Int, places: Int = 4, dimension: Int = 24, latent: Int = 4, noise: Float = 0.02,
                           noisy: Set<Int> = [], seed: UInt64 = 3) -> AlignmentSamples {
        var random = NetRandom(seed: seed)
        let views = (0..<places * dimension * latent).map { _ in Float(random.normal()) * 0.5 }
        var vectors = [Float](repeating: 0, count: count * places * dimension), living = [UInt8](repeating: 1, count: count * places)
        for sample in 0..<count {
            let state = (0..<latent).map { _ in random.unitFloat() }
            for place in 0..<places {
                if place == 3, sample % 5 == 0 { living[sample * places + place] = 0; continue }
                for c in 0..<dimension {
                    var value = Float(random.normal()) * noise
                    if noisy.contains(place) {
                        value = Float(random.normal()) * 0.3
                    } else {
                        for k in 0..<latent { value += views[(place * dimension + c) * latent + k] * state[k] }
                    }
                    vectors[(sample * places + place) * dimension + c] = 0.5 + value
                }
            }
        }
        return AlignmentSamples(places: places, dimension: dimension, vectors: vectors, living: living)
    }

    static func config(epochs: Int = 60) -> MisalignmentModelConfig {
        var config = MisalignmentModelConfig()
        config.hidden = [64, 64]
        config.maximumEpochs = epochs
        config.seed = 5
        return config
    }

    @Test func fittingBeatsTheMeanOnCorrelatedData() {
        let samples = Self.correlated(count: 600)
        let model = MisalignmentModel(places: 4, dimension: 24, config: Self.config())
        let report = model.fit(samples, threads: 1)
        #expect(report.validationSamples == 60 && report.trainSamples == 540)
        // Member 3 is dead in every fifth sample: 3 or 4 pairs per sample.
        #expect(report.trainPairs + report.validationPairs == 600 * 4 - 120)
        #expect(report.baselineMSE > 0.05)
        #expect(report.validationMSE < 0.1 * report.baselineMSE, "validation \(report.validationMSE) against the mean's \(report.baselineMSE)")
        #expect(report.trainMSE < 0.1 * report.baselineMSE)
        #expect(report.bestEpoch >= 1 && report.bestEpoch <= report.epochs)
        #expect(report.placeValidationPairs.reduce(0, +) == report.validationPairs)
        // Its own errors on the validation samples agree with the report's.
        let mean = zip(report.placeValidationMSE, report.placeValidationPairs).reduce(0.0) { $0 + $1.0 * Double($1.1) } / Double(report.validationPairs)
        #expect(abs(mean - report.validationMSE) < 1e-9 * max(1, mean))
    }

    @Test func earlyStoppingKeepsTheBestEpoch() {
        var config = Self.config(epochs: 200)
        config.patience = 3
        config.learningRate = 1e-2
        let model = MisalignmentModel(places: 4, dimension: 24, config: config)
        let report = model.fit(Self.correlated(count: 60), threads: 1)
        #expect(report.epochs < 200)
        #expect(report.epochs == report.bestEpoch + 3)
        // The kept parameters are the best epoch's: their validation errors are the reported MSE.
        let mean = zip(report.placeValidationMSE, report.placeValidationPairs).reduce(0.0) { $0 + $1.0 * Double($1.1) } / Double(report.validationPairs)
        #expect(abs(mean - report.validationMSE) < 1e-9 * max(1, mean))
    }

    @Test func aSeedRepeatsOnAnyThreadCount() {
        let samples = Self.correlated(count: 200)
        func fit(threads: Int, seed: UInt64 = 5) -> (AlignmentFitReport, [Float]) {
            var config = Self.config(epochs: 4)
            config.seed = seed
            let model = MisalignmentModel(places: 4, dimension: 24, config: config)
            var report = model.fit(samples, threads: threads)
            report.seconds = 0
            return (report, model.parameters.values.array)
        }
        let one = fit(threads: 1), two = fit(threads: 2), again = fit(threads: 1), other = fit(threads: 1, seed: 6)
        #expect(one.0 == two.0 && one.1 == two.1)
        #expect(one.0 == again.0 && one.1 == again.1)
        #expect(one.1 != other.1)
    }

    @Test func placesWithoutTeammateSignalHaveTheHighestErrors() {
        let samples = Self.correlated(count: 400, places: 5, noisy: [1, 4])
        let model = MisalignmentModel(places: 5, dimension: 24, config: Self.config(epochs: 40))
        let report = model.fit(samples, threads: 2)
        let errors = report.placeErrors
        #expect(errors[1] > 3 * max(errors[0], errors[2], errors[3]) && errors[4] > 3 * max(errors[0], errors[2], errors[3]), "\(errors)")
        #expect(Set(AlignTargeting.mostAligned(errors: errors, count: 3)) == [0, 2, 3])
        // The same ranking from the model's errors on all the samples.
        let all = model.placeErrors(samples, threads: 1)
        #expect(all.pairs == [400, 400, 400, 320, 400])
        #expect(AlignTargeting.mostAligned(errors: all.errors, count: 3) == [0, 2, 3])
    }
}
