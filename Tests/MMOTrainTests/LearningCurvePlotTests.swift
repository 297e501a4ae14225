import Testing
@testable import MMOTrain

@Suite struct LearningCurvePlotTests {
    @Test func movingAverageUsesTheLastWindowValues() {
        #expect(LearningCurvePlot.movingAverage([1, 2, 3, 4, 5], window: 2) == [1, 1.5, 2.5, 3.5, 4.5])
        #expect(LearningCurvePlot.movingAverage([4, 8], window: 1) == [4, 8])
    }

    @Test func theSVGDrawsEveryPanelAndSkipsMissingValues() {
        var rows: [TrainingLogRow] = []
        for update in 1...30 {
            var row = TrainingLogRow()
            row.update = update
            row.agentSteps = update * 1000
            row.meanReturn = update == 5 ? .nan : -1 + Double(update) / 30
            row.taskCompletion = Double(update) / 100
            row.meanLength = Double(10 * update)
            rows.append(row)
        }
        let svg = LearningCurvePlot.svg(rows: rows, title: "run <a>")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)   // raw and smoothed, three panels
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.contains("run &lt;a&gt;"))
        #expect(LearningCurvePlot.svg(rows: [], title: "empty").contains("no data yet"))
    }
}
