import Foundation
import Testing
@testable import MMOCore

/// The strict JSON reader shared by configs and curricula: what it accepts, and where and why it
/// refuses what it does not.
struct JSONReaderTests {
    private func read(_ text: String) throws(JSONError) -> JSONValue {
        try JSONValue.parse(Data(text.utf8))
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try read(#" {"b": [1, -0, 2.5, -1e3, 1E+2, 9223372036854775807, 9223372036854775808], "a": {"t": true, "f": false, "n": null}} "#)
        #expect(value.text == #"{"a": {"f": false, "n": null, "t": true}, "b": [1, 0, 2.5, -1000.0, 100.0, 9223372036854775807, 9.223372036854776e+18]}"#)
        #expect(try read(#""tab\t quote\" slash\/ \u00e9 \ud83d\ude00 é""#).text == "\"tab\\t quote\\\" slash/ é 😀 é\"")
        #expect(try read("[]").text == "[]" && read("{}").text == "{}")
    }

    @Test(arguments: [
        (#"{"a": 1, "b": 2, "a": 3}"#, "a", 1, 18, "a key given twice in one object"),
        (#"{"a": {"b": [1, 2,]}}"#, "a.b", 1, 18, "a trailing comma before ']'"),
        ("{\"a\": 1,\n  }", "", 1, 8, "a trailing comma before '}'"),
        (#"{"tasks": [{"name": "x"}, {"name": "y", "name": "z"}]}"#, "tasks[1].name", 1, 41, "a key given twice in one object"),
        (#"{"a": 1} x"#, "", 1, 10, "unexpected 'x' after the document"),
        (#"{"a" 1}"#, "a", 1, 6, "expected ':' after the key, found '1'"),
        (#"{"a": 1 "b": 2}"#, "", 1, 9, "expected ',' or '}' after a member, found '\"'"),
        (#"[1 2]"#, "", 1, 4, "expected ',' or ']' after an element, found '2'"),
        (#"{a: 1}"#, "", 1, 2, "expected a key in double quotes, found 'a'"),
        (#"{"a": tru}"#, "a", 1, 7, "unexpected 't'"),
        ("", "", 1, 1, "unexpected end of input"),
        (#"{"a": "unclosed"#, "a", 1, 7, "a string that is never closed"),
        ("[\"a\tb\"]", "[0]", 1, 4, "a control character (byte 0x9) in a string; write it as an escape"),
        (#"["\x"]"#, "[0]", 1, 3, "an unknown escape: a backslash before 'x'"),
        (#"["\u12"]"#, "[0]", 1, 3, #"a \u escape without four hexadecimal digits"#),
        (#"["\ud83d"]"#, "[0]", 1, 3, #"an unpaired UTF-16 surrogate in a \u escape"#),
        (#"["\ude00"]"#, "[0]", 1, 3, #"an unpaired UTF-16 surrogate in a \u escape"#),
        (#"[01]"#, "[0]", 1, 2, "a malformed number '01'"),
        (#"[1.]"#, "[0]", 1, 2, "a malformed number '1.'"),
        (#"[-]"#, "[0]", 1, 2, "a malformed number '-'"),
        (#"[1e]"#, "[0]", 1, 2, "a malformed number '1e'"),
        (#"[.5]"#, "[0]", 1, 2, "unexpected '.'"),
        (#"[+1]"#, "[0]", 1, 2, "unexpected '+'"),
        (#"[1e400]"#, "[0]", 1, 2, "the number '1e400' is out of range"),
    ])
    func refusesWithThePlaceAndTheProblem(text: String, path: String, line: Int, column: Int, problem: String) {
        #expect(throws: JSONError(path: path, line: line, column: column, problem: problem)) {
            try read(text)
        }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONError(path: "[0]", line: 1, column: 2, problem: "a string that is not valid UTF-8")) {
            try JSONValue.parse(Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D]))
        }
    }

    @Test func nestsAsDeepAsFoundationAndNoDeeper() throws {
        let depth = JSONReader.maximumDepth
        #expect(depth == 512)
        _ = try read(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        _ = try read(String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1))
        #expect {
            try read(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
        } throws: { error in
            (error as? JSONError)?.problem == "nesting deeper than 512 arrays and objects" && (error as? JSONError)?.column == depth + 1
        }
    }

    @Test func errorsQuoteALongPathAsAnExcerpt() {
        let key = String(repeating: "k", count: 1_000)
        #expect {
            try read(#"{"\#(key)": [1,]}"#)
        } throws: { error in
            (error as? JSONError)?.description == "line 1, column \(key.count + 8) (in '\(key.prefix(40))…'): a trailing comma before ']'"
        }
    }
}
