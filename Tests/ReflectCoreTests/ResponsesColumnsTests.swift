import ReflectCore
import Testing

/// Responses built from a reader's row-major values hold what adding the sessions one by
/// one gives, however many threads turn the rows into columns.
@Suite struct ResponsesColumnsTests {
  /// An instrument of 150 ratings: columns are written 64 at a time.
  static let wide = Instrument(
    id: "wide", version: "1.0", defaultLanguage: "en", title: LocalizedText("Wide"),
    choiceLists: [SimulationFixtures.agree5],
    sections: [
      Section(
        id: "all", title: LocalizedText("All"),
        elements: (1...150).map { SimulationFixtures.rating("q\($0)", SimulationFixtures.agree5) }
      )
    ])

  @Test(arguments: [(false, 0), (false, 1), (false, 5), (false, 70_001), (true, 3), (true, 1_000)])
  func rowMajorValuesBecomeTheSameColumns(wide: Bool, sessions: Int) {
    let instrument = wide ? Self.wide : SimulationFixtures.instrument
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
    // Whole, and in segments as parts of a file give them: cut after the first row, in
    // the middle, and with an empty segment.
    let middle = max(min(1, sessions), sessions / 2)
    let cuts = [0, min(1, sessions), middle, middle, sessions].map { $0 * width }
    let segments = zip(cuts, cuts.dropFirst()).map { values[$0..<$1] }
    for threads in [1, 2, 3] {
      let whole = Responses(
        instrument: instrument, sessions: infos, rowMajorValues: values, threads: threads)
      let joined = Responses(
        instrument: instrument, sessions: infos, rowMajorValues: segments, threads: threads)
      for built in [whole, joined] {
        expectSame(built, expected, "\(threads) threads, \(built.count) sessions")
      }
    }
  }

  func expectSame(_ built: Responses, _ expected: Responses, _ comment: Comment) {
    #expect(built.sessions == expected.sessions)
    #expect(built.questionIDs == expected.questionIDs)
    for column in expected.questionIDs.indices {
      // Compared as bit patterns, so that nan equals nan.
      #expect(
        built.values(column).map(\.bitPattern) == expected.values(column).map(\.bitPattern),
        "column \(column), \(comment)")
    }
  }
}
