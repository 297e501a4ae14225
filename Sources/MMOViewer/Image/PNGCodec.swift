import CZlib

/// Reads and writes PNG images (8-bit RGB or RGBA, not interlaced) with the system zlib.
///
/// Writing picks, per row, the PNG filter with the smallest sum of absolute differences (the
/// heuristic the PNG specification suggests) and stores opaque images as RGB. Reading accepts what
/// `encode` writes and any other 8-bit RGB/RGBA PNG, which is enough for the golden images.
public enum PNGCodec {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The bytes of a PNG file holding `image`.
    public static func encode(_ image: RasterImage) -> [UInt8] {
        let opaque = image.pixels.allSatisfy { $0 >> 24 == 0xFF }
        let channels = opaque ? 3 : 4
        let stride = image.width * channels
        var raw = [UInt8](repeating: 0, count: image.height * (stride + 1))
        var previous = [UInt8](repeating: 0, count: stride)
        var current = [UInt8](repeating: 0, count: stride)
        var candidate = [UInt8](repeating: 0, count: stride)
        var best = [UInt8](repeating: 0, count: stride)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let pixel = image[x, y]
                let base = x * channels
                current[base] = UInt8(truncatingIfNeeded: pixel >> 16)
                current[base + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                current[base + 2] = UInt8(truncatingIfNeeded: pixel)
                if channels == 4 { current[base + 3] = UInt8(truncatingIfNeeded: pixel >> 24) }
            }
            var bestFilter: UInt8 = 0
            var bestCost = Int.max
            for filter in UInt8(0)...4 {
                let cost = applyFilter(filter, row: current, previous: previous, channels: channels, into: &candidate)
                if cost < bestCost {
                    bestCost = cost
                    bestFilter = filter
                    swap(&best, &candidate)
                }
            }
            let start = y * (stride + 1)
            raw[start] = bestFilter
            raw.replaceSubrange((start + 1)...(start + stride), with: best)
            swap(&previous, &current)
        }
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        var file = signature
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", deflate(raw), to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// The image in the bytes of a PNG file; `name` names the file in errors.
    public static func decode(_ bytes: [UInt8], name: String) throws(ViewerError) -> RasterImage {
        func fail(_ message: String) -> ViewerError { ViewerError("\(name): \(message)") }
        guard bytes.starts(with: signature) else { throw fail("not a PNG file") }
        var offset = signature.count
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while offset + 12 <= bytes.count {
            let length = Int(readBigEndian(bytes, at: offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let dataStart = offset + 8
            guard length >= 0, dataStart + length + 4 <= bytes.count else { throw fail("truncated \(type) chunk") }
            let data = Array(bytes[dataStart..<(dataStart + length)])
            switch type {
            case "IHDR":
                guard length == 13 else { throw fail("bad IHDR chunk") }
                width = Int(readBigEndian(data, at: 0))
                height = Int(readBigEndian(data, at: 4))
                guard data[8] == 8, data[10] == 0, data[11] == 0, data[12] == 0, data[9] == 2 || data[9] == 6 else {
                    throw fail("only 8-bit, non-interlaced RGB or RGBA PNGs are supported")
                }
                channels = data[9] == 2 ? 3 : 4
            case "IDAT":
                compressed += data
            case "IEND":
                return try unfilter(inflate(compressed, expected: height * (width * channels + 1), fail: fail), width: width, height: height, channels: channels, fail: fail)
            default:
                break
            }
            offset = dataStart + length + 4
        }
        throw fail("truncated (no IEND chunk)")
    }

    /// Filters one row with PNG filter `filter` into `output`; returns the row's cost.
    private static func applyFilter(_ filter: UInt8, row: [UInt8], previous: [UInt8], channels: Int, into output: inout [UInt8]) -> Int {
        var cost = 0
        for index in row.indices {
            let left = index >= channels ? row[index - channels] : 0
            let up = previous[index]
            let upLeft = index >= channels ? previous[index - channels] : 0
            let value = row[index] &- predictor(filter, left: left, up: up, upLeft: upLeft)
            output[index] = value
            cost += Int(Int8(bitPattern: value).magnitude)
        }
        return cost
    }

    /// The byte PNG filter `filter` predicts from the neighbouring bytes (0 none, 1 sub, 2 up,
    /// 3 average, 4 Paeth).
    @inline(__always)
    private static func predictor(_ filter: UInt8, left: UInt8, up: UInt8, upLeft: UInt8) -> UInt8 {
        switch filter {
        case 0: return 0
        case 1: return left
        case 2: return up
        case 3: return UInt8((Int(left) + Int(up)) / 2)
        default: return paeth(left, up, upLeft)
        }
    }

    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    private static func unfilter(_ raw: [UInt8], width: Int, height: Int, channels: Int, fail: (String) -> ViewerError) throws(ViewerError) -> RasterImage {
        let stride = width * channels
        var previous = [UInt8](repeating: 0, count: stride)
        var current = [UInt8](repeating: 0, count: stride)
        var image = RasterImage(width: width, height: height)
        for y in 0..<height {
            let start = y * (stride + 1)
            let filter = raw[start]
            guard filter <= 4 else { throw fail("bad filter type \(filter) on row \(y)") }
            for index in 0..<stride {
                let left = index >= channels ? current[index - channels] : 0
                let up = previous[index]
                let upLeft = index >= channels ? previous[index - channels] : 0
                current[index] = raw[start + 1 + index] &+ predictor(filter, left: left, up: up, upLeft: upLeft)
            }
            for x in 0..<width {
                let base = x * channels
                let alpha = channels == 4 ? UInt32(current[base + 3]) : 0xFF
                image[x, y] = alpha << 24 | UInt32(current[base]) << 16 | UInt32(current[base + 1]) << 8 | UInt32(current[base + 2])
            }
            swap(&previous, &current)
        }
        return image
    }

    private static func deflate(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), 9)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        return Array(output.prefix(Int(length)))
    }

    private static func inflate(_ data: [UInt8], expected: Int, fail: (String) -> ViewerError) throws(ViewerError) -> [UInt8] {
        guard expected > 0 else { throw fail("missing or empty IHDR chunk") }
        var output = [UInt8](repeating: 0, count: expected)
        var length = uLong(expected)
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(length) == expected else { throw fail("corrupt image data (zlib status \(status))") }
        return output
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &file)
        let typeBytes = Array(type.utf8)
        file += typeBytes
        file += data
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc), to: &file)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }
}
