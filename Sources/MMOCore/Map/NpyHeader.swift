/// The header of a `.npy` file: a Python dict literal with exactly the keys `descr` (dtype
/// string), `fortran_order` (True or False) and `shape` (a tuple of non-negative integers).
struct NpyHeader: Equatable {
    /// NumPy dtype description, for example `|u1`.
    var descr: String
    /// Whether the data is stored column-major.
    var fortranOrder: Bool
    /// Length of each axis.
    var shape: [Int]

    /// The dict literal as NumPy writes it, for example
    /// `{'descr': '|u1', 'fortran_order': False, 'shape': (3, 4), }`.
    var text: String {
        "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(Self.shapeText(shape)), }"
    }

    /// A shape as Python prints a tuple: `(3, 4)`, `(5,)`, `()`.
    static func shapeText(_ shape: [Int]) -> String {
        let dimensions = shape.map(String.init).joined(separator: ", ")
        return shape.count == 1 ? "(\(dimensions),)" : "(\(dimensions))"
    }

    /// Parses header bytes; a failure message says what is malformed, without the file name.
    static func parse(_ bytes: [UInt8]) throws(NpyHeaderParser.Failure) -> NpyHeader {
        var parser = NpyHeaderParser(bytes: bytes)
        return try parser.parseHeader()
    }
}

/// A recursive-descent reader of the small Python-literal subset found in `.npy` headers:
/// strings, `True`/`False`, integers (an optional Python 2 `L` suffix is allowed) and tuples of
/// integers, inside one dict.
struct NpyHeaderParser {
    /// What went wrong, as a message for the user.
    struct Failure: Error {
        var message: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The whole header: one dict with the three required keys, then only whitespace.
    mutating func parseHeader() throws(Failure) -> NpyHeader {
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        try expect("{")
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { break }
            let key = try parseString()
            try expect(":")
            skipWhitespace()
            switch key {
            case "descr" where descr == nil:
                descr = try parseString()
            case "fortran_order" where fortranOrder == nil:
                fortranOrder = try parseBool()
            case "shape" where shape == nil:
                shape = try parseTuple()
            case "descr", "fortran_order", "shape":
                throw fail("key '\(key)' appears twice")
            default:
                throw fail("unexpected key '\(key)'")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ",") else { break }
            position += 1
        }
        try expect("}")
        skipWhitespace()
        guard position == bytes.count else { throw fail("unexpected text after the dict") }
        guard let foundDescr = descr else { throw fail("key 'descr' is missing") }
        guard let foundFortranOrder = fortranOrder else { throw fail("key 'fortran_order' is missing") }
        guard let foundShape = shape else { throw fail("key 'shape' is missing") }
        return NpyHeader(descr: foundDescr, fortranOrder: foundFortranOrder, shape: foundShape)
    }

    /// A single- or double-quoted string without escapes.
    private mutating func parseString() throws(Failure) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw fail("expected a quoted string")
        }
        position += 1
        let start = position
        while let byte = peek(), byte != quote {
            guard byte != UInt8(ascii: "\\") else { throw fail("escapes in strings are not supported") }
            position += 1
        }
        guard position < bytes.count else { throw fail("unterminated string") }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return text
    }

    /// `True` or `False`.
    private mutating func parseBool() throws(Failure) -> Bool {
        if consume("True") { return true }
        if consume("False") { return false }
        throw fail("expected True or False")
    }

    /// `()`, `(n,)` or `(n, m, ...)` with an optional trailing comma.
    private mutating func parseTuple() throws(Failure) -> [Int] {
        try expect("(")
        var values: [Int] = []
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: ")") { break }
            values.append(try parseInteger())
            skipWhitespace()
            guard peek() == UInt8(ascii: ",") else { break }
            position += 1
        }
        try expect(")")
        return values
    }

    /// A non-negative decimal integer that fits in `Int`, optionally followed by `L`.
    private mutating func parseInteger() throws(Failure) -> Int {
        var value = 0
        var digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { throw fail("integer too large") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw fail("expected a non-negative integer") }
        _ = consume("L")
        return value
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            position += 1
        }
    }

    /// Consumes `word` if the input continues with it.
    private mutating func consume(_ word: String) -> Bool {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count,
              Array(bytes[position..<position + expected.count]) == expected else { return false }
        position += expected.count
        return true
    }

    /// Skips whitespace, then requires `symbol`.
    private mutating func expect(_ symbol: String) throws(Failure) {
        skipWhitespace()
        guard consume(symbol) else { throw fail("expected '\(symbol)'") }
    }

    private func fail(_ problem: String) -> Failure {
        Failure(message: "\(problem) at header offset \(position)")
    }
}
