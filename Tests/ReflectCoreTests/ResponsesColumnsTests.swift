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
        let scores = Scoring.score(built)
        for (score, expectedScore) in zip(scores, Scoring.score(expected)) {
          #expect(score.scores.map(\.bitPattern) == expectedScore.scores.map(\.bitPattern))
          #expect(score.answered == expectedScore.answered)
        }
      }
    }
  }

  /// Responses read from a file (ratings held as codes) change like any others: an answer
  /// set to a choice's value, cleared, or set to a value that no choice has, sessions
  /// added; and their scores are those of the same answers as `Double`s, to the bit.
  @Test func codedResponsesChangeAndScoreLikeOthers() throws {
    let instrument = SimulationFixtures.instrument
    let coding = AnswerCoding(instrument: instrument)
    var plain = Responses(instrument: instrument)
    var codes: [UInt8] = []
    var infos: [SessionInfo] = []
    for row in 0..<3 {
      let info = SessionInfo(
        respondent: "p\(row)", wave: "pre", session: "s\(row)", instrumentID: "growth",
        version: "1.0")
      infos.append(info)
      plain.appendSession(info)
      for (index, question) in instrument.questions.enumerated() {
        guard case .rating = question.kind, let column = plain.column(of: question.id) else {
          codes.append(AnswerCoding.unanswered)
          continue
        }
        let value = Double((row + index) % 5 + 1)
        codes.append(coding.code(of: value, question: index))
        plain.set(value, row: row, column: column)
      }
    }
    var coded = Responses(
      instrument: instrument, sessions: infos, coding: coding,
      segments: [CodedAnswers(codes: codes[...], numbers: Array(repeating: .nan, count: 3)[...])])
    expectSame(coded, plain, "as read")

    let op02 = try #require(plain.column(of: "op02"))
    let ld03 = try #require(plain.column(of: "ld03"))
    var changes: [(Double, Int, Int)] = [(4, 0, op02), (.nan, 1, op02), (7, 2, ld03)]
    changes.append((2.5, 2, op02))  // no choice of agree5 has this value
    for (value, row, column) in changes {
      coded.set(value, row: row, column: column)
      plain.set(value, row: row, column: column)
      #expect(coded.value(row: row, column: column).bitPattern == value.bitPattern)
      expectSame(coded, plain, "after setting \(value) at row \(row)")
    }
    let later = SessionInfo(
      respondent: "p3", wave: "post", session: "s3", instrumentID: "growth", version: "1.0")
    coded.reserveCapacity(10)
    #expect(coded.appendSession(later) == 3)
    plain.appendSession(later)
    coded.set(5, row: 3, column: ld03)
    plain.set(5, row: 3, column: ld03)
    expectSame(coded, plain, "after adding a session")

    let codedScores = Scoring.score(coded)
    let plainScores = Scoring.score(plain)
    #expect(codedScores.map(\.id) == ["openness", "leading"])
    #expect(codedScores.map(\.scores[3].isNaN) == [true, true])  // too few answers
    for (codedScore, plainScore) in zip(codedScores, plainScores) {
      #expect(codedScore.scores.map(\.bitPattern) == plainScore.scores.map(\.bitPattern))
      #expect(codedScore.answered == plainScore.answered)
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
      #expect(
        built.sessions.indices.allSatisfy {
          built.value(row: $0, column: column).bitPattern
            == expected.value(row: $0, column: column).bitPattern
        }, "each value of column \(column), \(comment)")
    }
  }
}
