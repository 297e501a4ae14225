import Foundation
import Testing
@testable import MMOCore

/// Damaged, foreign, future and missing replay files are refused with messages that name the file.
struct ReplayCorruptionTests {
    @Test func aFlippedByteFailsTheChecksum() throws {
        var bytes = try ReplayFixture.shortReplay()
        bytes[bytes.count / 2] ^= 0x40
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): checksum mismatch (file is corrupt)")
    }

    @Test func truncatedFilesAreRefusedAtEveryCut() throws {
        let bytes = try ReplayFixture.shortReplay()
        let headerEnd = try ReplayHeader.read(from: bytes, file: "probe").end
        let cuts = [0, 3, 8, 9, 15, 16, 20, 100, headerEnd - 1, headerEnd, headerEnd + 5, bytes.count / 2, bytes.count - 20, bytes.count - 9, bytes.count - 1]
        for cut in cuts {
            let (path, error) = try ReplayFixture.loadError(ofFileWith: Array(bytes[0..<cut]))
            let refusal = try #require(error, "cut at \(cut)")
            #expect(refusal.file == path)
            #expect(refusal.description.hasPrefix(path + ": "))
            let understood = refusal.message.hasPrefix("truncated (") || refusal.message == "checksum mismatch (file is corrupt)"
            #expect(understood, "cut at \(cut): \(refusal)")
            if cut == 16 {
                #expect(refusal.message == "truncated (expected 8 bytes of header at offset 12, found 4)")
            }
            if cut == headerEnd + 5 {
                #expect(refusal.message == "truncated (no end-of-replay footer: the recording was cut short or never finished)")
            }
        }
    }

    @Test func aTickIndexLongerThanTheFileIsTruncation() throws {
        let current = try ReplayFixture.shortReplay()
        // Format 4 has one offset per block of 64 ticks, format 3 one per tick.
        for (bytes, entries) in [(current, (21 + 65536 + 63) / 64), (try ReplayFixture.formatThree(current), 21 + 65536)] {
            var bytes = bytes
            // The u32 tick count (21) sits just before the footer magic and the checksum; add 65536.
            let countStart = bytes.count - 16
            #expect(bytes[countStart] == 21 && bytes[countStart + 2] == 0)
            bytes[countStart + 2] = 0x01
            ReplayFixture.fixChecksum(&bytes)
            let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
            let expected = "\(path): truncated (expected \(8 * entries) bytes of tick index, found "
            #expect(error?.description.hasPrefix(expected) == true, "\(String(describing: error))")
        }
    }

    @Test func aForeignFileIsNotAReplay() throws {
        var bytes = try ReplayFixture.shortReplay()
        bytes[0] = UInt8(ascii: "X")
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): not a GridMMO replay (bad magic)")
        let (textPath, textError) = try ReplayFixture.loadError(ofFileWith: Array("hi\n".utf8))
        #expect(textError?.description == "\(textPath): not a GridMMO replay (bad magic)")
    }

    @Test func aNewerVersionAsksForAnUpdate() throws {
        var bytes = try ReplayFixture.shortReplay()
        bytes[8] = 5
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): replay format version 5 is newer than this build understands (4); update gridmmo")
    }

    @Test func aMissingFileCannotBeRead() {
        let path = ReplayFixture.temporaryPath("absent.replay")
        defer { ReplayFixture.discard(path) }
        let error = #expect(throws: ReplayError.self) { try Replay.load(path: path) }
        #expect(error?.file == path)
        #expect(error?.description == "\(path): cannot be read: No such file or directory")
    }

    @Test func anInvalidEmbeddedConfigIsReported() throws {
        var bytes = try ReplayFixture.shortReplay()
        try replaceInConfig(&bytes, key: "horizon", value: "128", with: "-99")
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): embedded config is invalid: key 'episode.horizon' is -99, must be an integer in 1...32767")
    }

    @Test func aMapThatDisagreesWithTheConfigIsReported() throws {
        var bytes = try ReplayFixture.shortReplay()
        try replaceInConfig(&bytes, key: "size", value: "64", with: "99")
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): embedded map is 64x64 but its config says map.size 99")
    }

    @Test func aDamagedRecordWithAValidChecksumIsCorrupt() throws {
        var bytes = try ReplayFixture.formatThree(try ReplayFixture.shortReplay())
        let headerEnd = try ReplayHeader.read(from: bytes, file: "probe").end
        // Record 0 starts with its type byte, and tick 0 must be a keyframe.
        bytes[headerEnd] = ReplayFormat.deltaRecord
        ReplayFixture.fixChecksum(&bytes)
        // The same damage inside a compressed block is found the same way.
        for damaged in [bytes, try ReplayFixture.formatFour(bytes)] {
            let (path, error) = try ReplayFixture.loadError(ofFileWith: damaged)
            #expect(error?.description == "\(path): corrupt tick record 0: record type is 0, expected 1")
        }
    }

    /// Replaces the value of a key in the embedded config JSON with text of the same length.
    private func replaceInConfig(_ bytes: inout [UInt8], key: String, value: String, with replacement: String) throws {
        try #require(value.utf8.count == replacement.utf8.count)
        let pattern = Array("\"\(key)\" : \(value)".utf8)
        let start = try #require((0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) })
        let valueStart = start + pattern.count - value.utf8.count
        bytes.replaceSubrange(valueStart..<(valueStart + value.utf8.count), with: Array(replacement.utf8))
    }
}
