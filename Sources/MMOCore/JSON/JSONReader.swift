import Foundation

/// A strict JSON reader (RFC 8259), the one configs and curricula are read with: unlike Foundation's
/// readers, which keep one of two equal keys and accept trailing commas, it refuses both, and every
/// error says where it is (`JSONError`).
///
/// Numbers without a fraction or exponent that fit in `Int` become `.int`, others `.double` (an
/// infinite one is an error); objects are returned sorted by key. Arrays and objects may nest
/// `maximumDepth` deep.
struct JSONReader {
    /// The deepest nesting of arrays and objects accepted, the same as Foundation's readers.
    static let maximumDepth = 512

    /// A step on the way from the root to the value being read.
    private enum Step {
        case key(String)
        case index(Int)
    }

    private let bytes: [UInt8]
    private var offset = 0
    private var path: [Step] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The one JSON value `data` holds, with nothing but white space around it.
    static func read(_ data: Data) throws(JSONError) -> JSONValue {
        var reader = JSONReader(bytes: [UInt8](data))
        reader.skipWhiteSpace()
        let value = try reader.value()
        reader.skipWhiteSpace()
        guard reader.offset == reader.bytes.count else {
            throw reader.error("unexpected \(reader.found) after the document")
        }
        return value
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func value() throws(JSONError) -> JSONValue {
        guard let byte = current else { throw error("unexpected \(found)") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected \(found)")
        }
    }

    private mutating func object() throws(JSONError) -> JSONValue {
        try enterContainer()
        var pairs: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        skipWhiteSpace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(pairs)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(found)") }
            let keyOffset = offset
            let key = try string()
            path.append(.key(key))
            guard keys.insert(key).inserted else { throw error("a key given twice in one object", at: keyOffset) }
            skipWhiteSpace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key, found \(found)") }
            offset += 1
            skipWhiteSpace()
            pairs.append((key, try value()))
            path.removeLast()
            skipWhiteSpace()
            switch current {
            case UInt8(ascii: "}"):
                offset += 1
                return .object(pairs.sorted { $0.key < $1.key })
            case UInt8(ascii: ","):
                try skipComma(closing: "}")
            default:
                throw error("expected ',' or '}' after a member, found \(found)")
            }
        }
    }

    private mutating func array() throws(JSONError) -> JSONValue {
        try enterContainer()
        var items: [JSONValue] = []
        skipWhiteSpace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        while true {
            path.append(.index(items.count))
            items.append(try value())
            path.removeLast()
            skipWhiteSpace()
            switch current {
            case UInt8(ascii: "]"):
                offset += 1
                return .array(items)
            case UInt8(ascii: ","):
                try skipComma(closing: "]")
            default:
                throw error("expected ',' or ']' after an element, found \(found)")
            }
        }
    }

    /// Steps over the `{` or `[` that opens a container, refusing one nested too deep.
    private mutating func enterContainer() throws(JSONError) {
        // The container's own level is one more than the containers around it, one step each.
        guard path.count < Self.maximumDepth else {
            throw error("nesting deeper than \(Self.maximumDepth) arrays and objects")
        }
        offset += 1
    }

    /// Steps over a separating comma, refusing one that is followed by the closing bracket.
    private mutating func skipComma(closing: Unicode.Scalar) throws(JSONError) {
        let commaOffset = offset
        offset += 1
        skipWhiteSpace()
        if current == UInt8(ascii: closing) {
            throw error("a trailing comma before '\(closing)'", at: commaOffset)
        }
    }

    /// A string starting at the opening quote, escapes decoded; it must be valid UTF-8.
    private mutating func string() throws(JSONError) -> String {
        let start = offset
        offset += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw error("a string that is never closed", at: start) }
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw error("a string that is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &utf8)
            case 0..<0x20:
                throw error("a control character (byte 0x\(String(byte, radix: 16))) in a string; write it as an escape")
            default:
                utf8.append(byte)
                offset += 1
            }
        }
    }

    /// The byte each one-letter escape stands for, by the letter after the backslash.
    private static let escapedBytes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    /// Decodes the escape at the backslash into UTF-8, pairing `\u` surrogates.
    private mutating func escape(into utf8: inout [UInt8]) throws(JSONError) {
        let start = offset
        offset += 1
        guard let letter = current else { throw error("a string that is never closed", at: start) }
        offset += 1
        if let byte = Self.escapedBytes[letter] {
            utf8.append(byte)
            return
        }
        guard letter == UInt8(ascii: "u") else { throw error("an unknown escape: a backslash before \(found(at: offset - 1))", at: start) }
        var unit = try hexUnit(escapeStart: start)
        if (0xD800...0xDBFF).contains(unit) {
            let lowStart = offset
            guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                throw error("an unpaired UTF-16 surrogate in a \\u escape", at: start)
            }
            offset += 2
            let low = try hexUnit(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else { throw error("an unpaired UTF-16 surrogate in a \\u escape", at: start) }
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw error("an unpaired UTF-16 surrogate in a \\u escape", at: start)
        }
        // Every code point outside the surrogate range is a Unicode scalar.
        utf8.append(contentsOf: String(Character(Unicode.Scalar(unit)!)).utf8)
    }

    /// The four hexadecimal digits after `\u`.
    private mutating func hexUnit(escapeStart: Int) throws(JSONError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                throw error("a \\u escape without four hexadecimal digits", at: escapeStart)
            }
            unit = unit << 4 | UInt32(digit)
            offset += 1
        }
        return unit
    }

    /// A number as RFC 8259 spells it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONError) -> JSONValue {
        let start = offset
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.offset
            while let byte = reader.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { reader.offset += 1 }
            return reader.offset - first
        }
        if current == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits(&self)
        var isIntegral = true
        var wellFormed = integerDigits > 0 && (integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0"))
        if current == UInt8(ascii: ".") {
            offset += 1
            isIntegral = false
            wellFormed = wellFormed && digits(&self) > 0
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            isIntegral = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            wellFormed = wellFormed && digits(&self) > 0
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard wellFormed else { throw error("a malformed number '\(text.excerpt())'", at: start) }
        if isIntegral, let integer = Int(text) { return .int(integer) }
        guard let real = Double(text), real.isFinite else { throw error("the number '\(text.excerpt())' is out of range", at: start) }
        return .double(real)
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONError) -> JSONValue {
        let spelled = Array(word.utf8)
        guard bytes.count - offset >= spelled.count, Array(bytes[offset..<offset + spelled.count]) == spelled else {
            throw error("unexpected \(found)")
        }
        offset += spelled.count
        return value
    }

    private mutating func skipWhiteSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    /// The byte at the reading position, as an error message names it.
    private var found: String { found(at: offset) }

    private func found(at position: Int) -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// An error at `position` (the reading position unless given), placed on the current path.
    private func error(_ problem: String, at position: Int? = nil) -> JSONError {
        let end = position ?? offset
        var line = 1
        var lineStart = 0
        for index in 0..<min(end, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let path = path.enumerated().map { position, step in
            switch step {
            case .key(let key): return position == 0 ? key : "." + key
            case .index(let index): return "[\(index)]"
            }
        }.joined()
        return JSONError(path: path, line: line, column: end - lineStart + 1, problem: problem)
    }
}
