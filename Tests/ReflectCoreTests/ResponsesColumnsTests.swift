import ReflectCore
import Testing

/// Responses built from a reader's row-major values hold what adding the sessions one by
/// one gives, however many threads turn the rows into columns.
@Suite struct ResponsesColumnsTests {
  @Test(arguments: [0, 1, 5, 70_001])
  func rowMajorValuesBecomeTheSameColumns(sessions: Int) {
    let instrument = SimulationFixtures.instrument
    var expected = Responses(instrument: instrument)
    let width = expected.questionIDs.count
    #expect(width > 1)
    var values: [Double] = []
    var infos: [SessionInfo] = []
    var random = SplitMix64(seed: 3)
    for row in 0..<sessions {
      let info = SessionInfo(
        respondent: "p\(row)", wave: row % 2 == 0 ? "pre" : "post", session: "s\(row)",
        instrumentID: instrument.id, version: instrument.version)
      infos.append(info)
      expected.appendSession(info)
      for column in 0..<width {
        // Missing now and then, as answers are.
        let value = random.next() % 7 == 0 ? Double.nan : Double(random.next() % 5 + 1)
        values.append(value)
        expected.set(value, row: row, column: column)
      }
    }
    for threads in [1, 2, 3] {
      let built = Responses(
        instrument: instrument, sessions: infos, rowMajorValues: values, threads: threads)
      #expect(built.sessions == expected.sessions)
      #expect(built.questionIDs == expected.questionIDs)
      for column in 0..<width {
        // Compared as bit patterns, so that nan equals nan.
        #expect(
          built.values(column).map(\.bitPattern) == expected.values(column).map(\.bitPattern),
          "column \(column) with \(threads) threads")
      }
    }
  }
}
