import MMOEnv

/// Turns the C functions' raw arguments into checked Swift values, with errors that name the
/// argument: non-null pointers, lengths that fit, NUL-terminated strings.
enum CArguments {
    /// The five output buffers of a reset or step as `StepBuffers`, each pointer non-null.
    static func buffers(_ observations: UnsafeMutableRawPointer?, _ observationsBytes: Int,
                        _ masks: UnsafeMutablePointer<UInt8>?, _ masksBytes: Int,
                        _ rewards: UnsafeMutablePointer<Float>?, _ rewardsCount: Int,
                        _ terminations: UnsafeMutablePointer<UInt8>?, _ terminationsCount: Int,
                        _ truncations: UnsafeMutablePointer<UInt8>?, _ truncationsCount: Int) throws(APIError) -> StepBuffers {
        StepBuffers(
            observations: UnsafeMutableRawBufferPointer(start: try pointer(observations, "observations"), count: try length(observationsBytes, "observations_bytes")),
            masks: UnsafeMutableBufferPointer(start: try pointer(masks, "masks"), count: try length(masksBytes, "masks_bytes")),
            rewards: UnsafeMutableBufferPointer(start: try pointer(rewards, "rewards"), count: try length(rewardsCount, "rewards_count")),
            terminations: UnsafeMutableBufferPointer(start: try pointer(terminations, "terminations"), count: try length(terminationsCount, "terminations_count")),
            truncations: UnsafeMutableBufferPointer(start: try pointer(truncations, "truncations"), count: try length(truncationsCount, "truncations_count"))
        )
    }

    /// `pointer`, or an error naming the argument if it is NULL.
    static func pointer<P>(_ pointer: P?, _ name: String) throws(APIError) -> P {
        guard let pointer else { throw APIError(.argument, "\(name) is NULL") }
        return pointer
    }

    /// A `size_t` length as received (a value above `Int.max` arrives negative).
    static func length(_ value: Int, _ name: String) throws(APIError) -> Int {
        guard value >= 0 else { throw APIError(.argument, "\(name) is \(UInt(bitPattern: value)), too large for any buffer") }
        return value
    }

    /// A non-null C string.
    static func string(_ text: UnsafePointer<CChar>?, _ name: String) throws(APIError) -> String {
        String(cString: try pointer(text, name))
    }

    /// Writes `text` and its NUL into `buffer` if `capacity` holds them, and its length (without the
    /// NUL) into `length`; with too small a capacity writes only the length and throws.
    static func write(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, capacity: Int, length: UnsafeMutablePointer<Int>?) throws(APIError) {
        let bytes = Array(text.utf8)
        let outLength = try pointer(length, "out_length")
        outLength.pointee = bytes.count
        guard try Self.length(capacity, "capacity") > bytes.count else {
            throw APIError(.buffer, "text needs \(bytes.count + 1) bytes with its NUL, capacity is \(capacity)")
        }
        let out = try pointer(buffer, "text")
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(out).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
        out[bytes.count] = 0
    }
}
