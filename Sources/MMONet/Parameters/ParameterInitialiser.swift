import Foundation

/// How a parameter tensor starts: the PPO practice is orthogonal weights (gain sqrt(2) in hidden
/// layers, 0.01 for policy logits, 1 for the value head) and zero biases (CleanRL's `layer_init`).
public enum ParameterInitialiser: Sendable, Equatable {
    case zeros
    case constant(Float)
    /// Orthogonal rows (or columns, whichever are fewer) of a [rows, rest] matrix, scaled by `gain`.
    case orthogonal(gain: Float)
    /// Normal with mean 0 and this standard deviation (embedding tables).
    case normal(std: Float)
    /// Consecutive blocks of rows of a [rows, rest] matrix, each orthogonal with its own gain, as
    /// if each block were its own layer (several heads' layers fused into one matrix).
    case orthogonalRowBlocks([RowBlock])

    /// `rows` consecutive rows initialised orthogonal with `gain`.
    public struct RowBlock: Sendable, Equatable {
        public let rows: Int
        public let gain: Float
        public init(rows: Int, gain: Float) {
            self.rows = rows
            self.gain = gain
        }
    }

    public static let hiddenGain = Float(2.0.squareRoot())

    func fill(_ values: UnsafeMutableBufferPointer<Float>, shape: [Int], random: inout NetRandom) {
        switch self {
        case .zeros: values.update(repeating: 0)
        case .constant(let value): values.update(repeating: value)
        case .normal(let std):
            for index in values.indices { values[index] = Float(random.normal()) * std }
        case .orthogonal(let gain):
            let rows = shape.first ?? 1
            let columns = values.count / max(rows, 1)
            Self.orthogonal(values, rows: rows, columns: columns, gain: gain, random: &random)
        case .orthogonalRowBlocks(let blocks):
            let rows = shape.first ?? 1
            let columns = values.count / max(rows, 1)
            precondition(blocks.reduce(0) { $0 + $1.rows } == rows, "row blocks must cover the matrix's rows")
            var start = 0
            for block in blocks {
                let part = UnsafeMutableBufferPointer(rebasing: values[start * columns..<(start + block.rows) * columns])
                Self.orthogonal(part, rows: block.rows, columns: columns, gain: block.gain, random: &random)
                start += block.rows
            }
        }
    }

    /// A random matrix with orthonormal rows (if rows <= columns) or columns, by modified
    /// Gram-Schmidt on Gaussian vectors in double precision, times `gain`.
    static func orthogonal(_ values: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int, gain: Float, random: inout NetRandom) {
        let transposed = rows > columns
        let vectors = transposed ? columns : rows
        let length = transposed ? rows : columns
        var basis = [Double](repeating: 0, count: vectors * length)
        for index in basis.indices { basis[index] = random.normal() }
        for vector in 0..<vectors {
            for previous in 0..<vector {
                var dot = 0.0
                for k in 0..<length { dot += basis[vector * length + k] * basis[previous * length + k] }
                for k in 0..<length { basis[vector * length + k] -= dot * basis[previous * length + k] }
            }
            var norm = 0.0
            for k in 0..<length { norm += basis[vector * length + k] * basis[vector * length + k] }
            norm = max(norm.squareRoot(), 1e-12)
            for k in 0..<length { basis[vector * length + k] /= norm }
        }
        for row in 0..<rows {
            for column in 0..<columns {
                let value = transposed ? basis[column * length + row] : basis[row * length + column]
                values[row * columns + column] = Float(value) * gain
            }
        }
    }
}
