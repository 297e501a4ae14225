import CBLAS

/// Pointer-network scores: one logit per item of a sample, the dot product of the item's key
/// with the sample's query, times `scale`: logits[b, i] = scale * dot(keys[b * items + i, :],
/// query[b, :]). With `includesNone` a trailing constant-0 column (a "none of them" option) makes
/// the output [batch, items + 1]. No parameters; one sgemv per sample forward, and sgemv plus sger
/// per sample backward.
public struct PointerScores: Sendable {
    public let items: Int
    public let features: Int
    public let includesNone: Bool
    public let scale: Float

    public init(items: Int, features: Int, includesNone: Bool = false, scale: Float = 1) {
        precondition(items > 0 && features > 0, "PointerScores sizes")
        self.items = items
        self.features = features
        self.includesNone = includesNone
        self.scale = scale
    }

    /// items, plus one for the "none" column.
    public var outputColumns: Int { includesNone ? items + 1 : items }

    /// keys [batch * items, features], query [batch, features] -> output [batch, outputColumns].
    public func forward(keys: Matrix, query: Matrix, into output: Matrix) {
        let batch = query.rows
        precondition(keys.rows == batch * items && keys.columns == features && query.columns == features
                     && output.rows == batch && output.columns == outputColumns, "PointerScores shapes")
        let n = items, d = features, columns = outputColumns
        for sample in 0..<batch {
            let logits = output.pointer + sample * columns
            // Zeroed and beta 1 rather than beta 0, so stale non-finite values never leak in.
            logits.update(repeating: 0, count: columns)
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(d), scale, keys.pointer + sample * n * d, Int32(d),
                        query.pointer + sample * d, 1, 1, logits, 1)
        }
    }

    /// From dL/dlogits (the "none" column's gradient is ignored) writes (or, with `accumulate`,
    /// adds) dkeys[b * items + i] = scale * dlogits[b, i] * query[b] and dquery[b] = scale *
    /// sum_i dlogits[b, i] * keys[b * items + i]; either gradient may be omitted.
    public func backward(keys: Matrix, query: Matrix, outputGradient: Matrix, keyGradient: Matrix?, queryGradient: Matrix?,
                         accumulate: Bool = false) {
        let batch = query.rows
        precondition(keys.rows == batch * items && keys.columns == features && query.columns == features
                     && outputGradient.rows == batch && outputGradient.columns == outputColumns, "PointerScores gradient shapes")
        let n = items, d = features, columns = outputColumns
        if let keyGradient {
            precondition(keyGradient.rows == keys.rows && keyGradient.columns == d, "PointerScores key gradient shape")
            if !accumulate { keyGradient.fill(0) }
        }
        if let queryGradient {
            precondition(queryGradient.rows == batch && queryGradient.columns == d, "PointerScores query gradient shape")
            if !accumulate { queryGradient.fill(0) }
        }
        for sample in 0..<batch {
            let dlogits = outputGradient.pointer + sample * columns
            if let keyGradient {
                cblas_sger(CblasRowMajor, Int32(n), Int32(d), scale, dlogits, 1, query.pointer + sample * d, 1,
                           keyGradient.pointer + sample * n * d, Int32(d))
            }
            if let queryGradient {
                cblas_sgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(d), scale, keys.pointer + sample * n * d, Int32(d),
                            dlogits, 1, 1, queryGradient.pointer + sample * d, 1)
            }
        }
    }
}
