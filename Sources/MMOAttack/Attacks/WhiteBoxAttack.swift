import MMONet
import MMOTrain

/// The white-box attack on the victim's own network, the upper bound of the black-box attacks
/// (threat model: it reads the victim's parameters, the attacked agents' clean features and their
/// action masks). Its loss is L = -max_a pi(a|o) over the legal joint actions; the heads are
/// independent, so max_a pi is the product of every head's largest legal probability, reached at
/// the greedy joint action a*. Since grad L = -pi(a*|o) grad log pi(a*|o) and pi(a*|o) > 0, the
/// gradient of -log pi(a*|o) has the sign of L's in every coordinate and ranks each agent's tile
/// flips as L's does; the attack follows it (the network's backward with d loss / d log pi = -1).
///
/// - Numeric features (the frame's vector): FGSM takes one step of epsilon x radius along
///   sign(grad); PGD takes `steps` steps of epsilon / steps each from the clean vector, clipping
///   after each into [clean - radius, clean + radius] and the valid range on the active
///   coordinates, with a* recomputed at every step. The frame's `project` rounds realisable budgets.
/// - Tiles (k > 0 flips): from the gradient at the clean observation, the k flips (tile, other
///   valid material, same occupant) of largest first-order increase of the loss, at most one per
///   tile and only those the linearisation says increase it; they stay in place for the numeric steps.
///
/// The attacked agents are cut into passes of at most `passRows` rows in the frame's order, dealt
/// round-robin to `frame.threads` workers (one workspace each, allocated at the first call): the
/// result does not depend on the thread count, and nothing is allocated per step. Feedforward
/// networks only (a recurrent victim's state is not the frame's to read).
public final class WhiteBoxAttack: ObservationAttack {
    /// One step (FGSM) or several projected steps (PGD).
    public enum Method: Sendable, Equatable {
        case fgsm
        case pgd(steps: Int)

        public var steps: Int {
            switch self {
            case .fgsm: 1
            case .pgd(let steps): steps
            }
        }
    }

    public static let passRows = 128
    public let network: PolicyNetwork
    public let method: Method
    public var name: String { method == .fgsm ? "fgsm" : "pgd" }
    private var workers: [WhiteBoxWorker] = []

    public init(network: PolicyNetwork, method: Method) {
        precondition(!network.sizes.recurrent, "the white-box attack needs a feedforward network")
        precondition(method.steps >= 1, "PGD needs at least one step")
        self.network = network
        self.method = method
    }

    public func perturb(_ frame: AttackFrame) {
        let count = frame.attackedCount, flips = min(frame.budget.tileFlips, frame.tiles)
        guard count > 0, frame.budget.epsilon > 0 || flips > 0, let masks = frame.masks else { return }
        if workers.count != frame.threads || workers[0].width != frame.width {
            workers = (0..<frame.threads).map { _ in WhiteBoxWorker(network: network, rows: Self.passRows, width: frame.width, tiles: frame.tiles) }
        }
        let passes = (count + Self.passRows - 1) / Self.passRows
        runWorkers(min(frame.threads, passes)) { worker in
            for pass in stride(from: worker, to: passes, by: frame.threads) {
                let positions = pass * Self.passRows..<min((pass + 1) * Self.passRows, count)
                attack(positions, frame: frame, masks: masks, flips: flips, worker: workers[worker])
            }
        }
    }

    /// Runs the method on the attacked agents at `positions` of `frame.attacked`.
    private func attack(_ positions: Range<Int>, frame: AttackFrame, masks: UnsafePointer<UInt8>, flips: Int, worker: WhiteBoxWorker) {
        let w = worker.workspace, gradients = worker.gradients, surface = frame.surface, width = frame.width
        let maskWidth = frame.maskWidth, rows = positions.count
        for (row, position) in positions.enumerated() {
            let agent = Int(frame.attacked[position])
            w.features.copyRow(agent, of: frame.features, to: row)
            surface.write(frame.perturbed + agent * width, into: w.features, row: row)
            (w.masks + row * maskWidth).update(from: masks + agent * maskWidth, count: maskWidth)
            w.rowAgents[row] = Int32(agent)
        }
        let steps = method.steps, epsilon = frame.budget.epsilon, alpha = epsilon / Float(steps)
        gradients.scoresTiles = flips > 0
        for step in 0..<steps {
            lossGradient(rows: rows, worker: worker)
            if step == 0 && flips > 0 {
                for row in 0..<rows { worker.flipTiles(row: row, agent: Int(w.rowAgents[row]), count: flips, frame: frame) }
                gradients.scoresTiles = false
            }
            guard epsilon > 0 else { break }
            for row in 0..<rows {
                let agent = Int(w.rowAgents[row]), g = worker.direction
                let x = frame.clean + agent * width, y = frame.perturbed + agent * width, live = frame.active + agent * width
                surface.readGradient(gradients, row: row, into: g)
                for c in 0..<width where live[c] != 0 && g[c] != 0 {
                    let (low, high) = surface.bounds(c, clean: x[c], epsilon: epsilon)
                    let moved = y[c] + (g[c] > 0 ? alpha : -alpha) * surface.radius(c, epsilon: 1)
                    y[c] = min(max(moved, low), high)
                }
                if step + 1 < steps { surface.write(y, into: w.features, row: row) }
            }
        }
    }

    /// Forward, the greedy legal joint action a*, and the gradient of -log pi(a*) with respect to
    /// the inputs of the worker's rows.
    private func lossGradient(rows: Int, worker: WhiteBoxWorker) {
        let w = worker.workspace
        network.forward(rows: rows, workspace: w)
        network.sample(rows: rows, workspace: w, greedy: true)
        network.evaluate(rows: rows, workspace: w)
        w.logProbGradients.update(repeating: -1, count: rows)
        w.valueGradients.update(repeating: 0, count: rows)
        network.backward(rows: rows, entropyGradient: 0, workspace: w, into: nil, inputGradients: worker.gradients)
    }
}
