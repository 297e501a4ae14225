import Foundation
import Testing
import MMOTasks

/// Curricula are read by the strict JSON reader configs use: a key given twice or a trailing comma
/// is refused with its line, column and path, where Foundation kept one of the keys or let it pass.
struct CurriculumStrictJSONTests {
    @Test(arguments: [
        (#"{"format": "gridmmo-curriculum", "version": 1, "version": 2, "tasks": []}"#,
         "bad.json: is not valid JSON: line 1, column 48 (in 'version'): a key given twice in one object"),
        (#"{"format": "gridmmo-curriculum", "version": 1, "tasks": [{"name": "a", "predicate": "StayAlive"},]}"#,
         "bad.json: is not valid JSON: line 1, column 97 (in 'tasks'): a trailing comma before ']'"),
    ])
    func malformedJSONIsRefusedWithItsPlace(text: String, message: String) {
        #expect {
            try CurriculumFile.parse(Data(text.utf8), file: "bad.json")
        } throws: { error in
            (error as? CurriculumError)?.description == message
        }
    }
}
