import ReflectCore
import Testing

/// Responses built from a reader's coded answers hold what adding the sessions one by
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
  func codedAnswersBecomeTheSameColumns(wide: Bool, sessions: Int) {
    let instrument = wide ? Self.wide : SimulationFixtures.instrument
    let coding = AnswerCoding(instrument: instrument)
    var expected = Responses(instrument: instrument)
    #expect(expected.questionIDs.count > 1)
    var codes: [UInt8] = []
    var numbers: [Double] = []
    var infos: [SessionInfo] = []
    var random = SplitMix64(seed: 3)
    for row in 0..<sessions {
      let info = SessionInfo(
        respondent: "p\(row)", wave: row % 2 == 0 ? "pre" : "post", session: "s\(row)",
        instrumentID: instrument.id, version: instrument.version)
      infos.append(info)
      expected.appendSession(info)
      var rowNumbers = Array(repeating: Double.nan, count: coding.numberCount)
      for (index, question) in instrument.questions.enumerated() {
        // Unanswered or answered without a value now and then, as answers are.
        switch random.next() % 8 {
        case 0:
          codes.append(AnswerCoding.unanswered)
          continue
        case 1:
          codes.append(AnswerCoding.noCodedValue)
          continue
        default: break
        }
        let column = expected.column(of: question.id)
        switch question.kind {
        case .rating(let list):
          let choice = list.choices[Int(random.next() % UInt64(list.choices.count))]
          let value = choice.isMissing ? Double.nan : choice.numericValue ?? .nan
          codes.append(
            choice.isMissing ? AnswerCoding.noCodedValue : coding.code(of: value, question: index))
          if let column { expected.set(value, row: row, column: column) }
        case .number:
          let value = Double(random.next() % 51)
          codes.append(AnswerCoding.noCodedValue)
          rowNumbers[coding.numberSlots[index]] = value
          if let column { expected.set(value, row: row, column: column) }
        case .select, .reflection:
          codes.append(AnswerCoding.noCodedValue)
        }
      }
      numbers += rowNumbers
    }
    // Whole, and in segments as parts of a file give them: cut after the first row, in
    // the middle, and with an empty segment.
    let middle = max(min(1, sessions), sessions / 2)
    let cuts = [0, min(1, sessions), middle, middle, sessions]
    let segments = zip(cuts, cuts.dropFirst()).map { start, end in
      CodedAnswers(
        codes: codes[start * coding.questionCount..<end * coding.questionCount],
        numbers: numbers[start * coding.numberCount..<end * coding.numberCount])
    }
    for threads in [1, 2, 3] {
      let whole = Responses(
        instrument: instrument, sessions: infos, coding: coding,
        segments: [CodedAnswers(codes: codes[...], numbers: numbers[...])], threads: threads)
      let joined = Responses(
        instrument: instrument, sessions: infos, coding: coding, segments: segments,
        threads: threads)
      for built in [whole, joined] {
        expectSame(built, expected, "\(threads) threads, \(built.count) sessions")
      }
    }
  }

  /// A rating's values are codes from 2 on, in the order of its choices, one per distinct
  /// value; a choice marked missing, a selection and a number have none, and numbers (and
  /// ratings with more values than a byte can name) are held as numbers.
  @Test func codesNameEachRatingsDistinctValues() {
    let coding = AnswerCoding(instrument: SimulationFixtures.instrument)
    let questions = SimulationFixtures.instrument.questions.map(\.id)
    let op01 = questions.firstIndex(of: "op01") ?? -1
    let ld01 = questions.firstIndex(of: "ld01") ?? -1
    let role = questions.firstIndex(of: "role") ?? -1
    let years = questions.firstIndex(of: "years") ?? -1
    #expect((1...5).map { coding.code(of: Double($0), question: op01) } == [2, 3, 4, 5, 6])
    #expect(coding.code(of: 0, question: op01) == AnswerCoding.noCodedValue)
    #expect(coding.code(of: .nan, question: op01) == AnswerCoding.noCodedValue)
    #expect(coding.code(of: 7, question: ld01) == 8)
    #expect(coding.code(of: 1, question: role) == AnswerCoding.noCodedValue)
    #expect(coding.code(of: 12, question: years) == AnswerCoding.noCodedValue)
    #expect(coding.numberCount == 1 && coding.numberSlots[years] == 0)
    #expect(coding.questionCount == questions.count)

    // 255 distinct values do not fit codes 2…255; duplicates share one.
    let many = ChoiceList(
      id: "many",
      choices: (0..<255).map { Choice(value: "\($0)", label: LocalizedText("\($0)")) })
    let repeated = ChoiceList(
      id: "repeated",
      choices: ["1", "01", "2"].map { Choice(value: $0, label: LocalizedText("v\($0)")) })
    let instrument = Instrument(
      id: "edge", version: "1", defaultLanguage: "en", title: LocalizedText("Edge"),
      choiceLists: [many, repeated],
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: [
            SimulationFixtures.rating("many", many), SimulationFixtures.rating("rep", repeated),
          ])
      ])
    let edge = AnswerCoding(instrument: instrument)
    #expect(edge.numberSlots == [0, -1] && edge.numberCount == 1)
    #expect(edge.code(of: 254, question: 0) == AnswerCoding.noCodedValue)
    #expect([1, 2].map { edge.code(of: $0, question: 1) } == [2, 3])
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
