import Foundation
import Testing
@testable import MMOCore
@testable import MMOTasks

/// The structural task embedding: fixed length, deterministic, distinct, smooth and meaningful.
struct TaskEmbeddingTests {
    private func vector(_ predicate: TaskPredicate, _ target: TaskSpec.RewardTarget = .agent) -> [Float] {
        TaskEmbedding.embed(TaskSpec(name: "x", predicate: predicate, rewardTo: target))
    }

    private func distance(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    @Test func hasTheDimensionAndIsDeterministic() {
        #expect(TaskEmbedding.dimension == 256)
        for predicate in CurriculumFileTests.everyCase {
            let first = vector(predicate)
            #expect(first.count == TaskEmbedding.dimension)
            #expect(first == vector(predicate))
            #expect(first.allSatisfy { $0.isFinite })
        }
    }

    @Test(arguments: [false, true])
    func distinctTrainingAndHeldOutSpecsGetDistinctVectors(halfPrecision: Bool) {
        // The observation carries the vector in half precision: distinct specs must stay distinct there too.
        let specs = ShippedCurricula.training.specs + ShippedCurricula.heldOut.specs
        var byVector: [[Float]: String] = [:]
        for spec in specs {
            let embedding = TaskEmbedding.embed(spec).map { halfPrecision ? Float(Float16($0)) : $0 }
            if let other = byVector[embedding] {
                Issue.record("\(spec.name) and \(other) share an embedding")
            }
            byVector[embedding] = spec.name
        }
        #expect(byVector.count == specs.count)
    }

    @Test func numericArgumentsMoveTheVectorSmoothlyAndMonotonically() {
        let base = vector(.harvestItem(item: 13, level: 1, quantity: 5))
        let byLevel = (2...10).map { distance(base, vector(.harvestItem(item: 13, level: $0, quantity: 5))) }
        #expect(zip(byLevel, byLevel.dropFirst()).allSatisfy { $0 < $1 })
        #expect(byLevel[0] <= 0.11)
        let quantityBase = vector(.ownItem(item: 16, level: 1, quantity: 10))
        let byQuantity = [11, 12, 15, 20, 50, 100].map { distance(quantityBase, vector(.ownItem(item: 16, level: 1, quantity: $0))) }
        #expect(zip(byQuantity, byQuantity.dropFirst()).allSatisfy { $0 < $1 })
        #expect(byQuantity[0] < 0.02)
        let ticks = [100, 200, 400, 800].map { distance(vector(.tickGE(numTick: 50)), vector(.tickGE(numTick: $0))) }
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func similarTasksAreNearer() {
        let l3 = vector(.harvestItem(item: 13, level: 3, quantity: 5))
        let l4 = vector(.harvestItem(item: 13, level: 4, quantity: 5))
        let arrow = vector(.harvestItem(item: 14, level: 3, quantity: 5))
        let gold = vector(.hoardGold(amount: 5))
        #expect(distance(l3, l4) < distance(l3, arrow))
        #expect(distance(l3, arrow) < distance(l3, gold))
        let and = vector(.and([.harvestItem(item: 13, level: 3, quantity: 5), .hoardGold(amount: 5)]))
        let andL4 = vector(.and([.harvestItem(item: 13, level: 4, quantity: 5), .hoardGold(amount: 5)]))
        let or = vector(.or([.harvestItem(item: 13, level: 3, quantity: 5), .hoardGold(amount: 5)]))
        #expect(distance(and, andL4) < distance(and, or))
        #expect(distance(and, or) < distance(and, l3))
        #expect(vector(.sub(.stayAlive, .success)) != vector(.sub(.success, .stayAlive)))
        #expect(vector(.stayAlive, .agent) != vector(.stayAlive, .team))
    }

    @Test func everyEvaluationTaskIsEmbeddable() {
        for spec in ShippedCurricula.heldOut.specs + ShippedCurricula.sample.specs {
            let embedding = TaskEmbedding.embed(spec)
            #expect(embedding.count == TaskEmbedding.dimension)
            #expect(embedding.contains { $0 != 0 })
            #expect(embedding.prefix(40).contains(1), "\(spec.name) has no predicate or combinator flag")
        }
    }
}
