import Foundation
import FuzzDriver
import MMOCore
import MMOTasks

/// Fuzzes the curriculum reader: any bytes either throw `CurriculumError` or give a curriculum
/// that, written back, reads as the same curriculum, and whose every task embeds.
@main
enum FuzzCurriculum {
    static func main() { FuzzDriver.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let curriculum = try? CurriculumFile.parse(Data(FuzzDriver.bytes(data, count)), file: "fuzz input") else { return 0 }
    precondition((try? CurriculumFile.parse(CurriculumFile.data(curriculum), file: "written back")) == curriculum,
                 "a curriculum written back reads differently")
    for spec in curriculum.specs { _ = TaskEmbedding.embed(spec) }
    return 0
}
