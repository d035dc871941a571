import ReflectCore
import Testing

@Suite struct SimulationCohortTests {
  let instrument = SimulationFixtures.instrument

  func simulation(
    respondents: Int = 40, waves: [String] = ["pre", "post"], effect: Double = 0.5,
    seed: UInt64 = 2025, options: CohortSimulation.Options = .init()
  ) throws -> CohortSimulation {
    try CohortSimulation(
      instrument: instrument, respondents: respondents, waves: waves, effect: effect, seed: seed,
      options: options)
  }

  @Test func theSameSeedGivesTheSameAnswers() throws {
    let first = SimulationFixtures.answers(try simulation())
    let second = SimulationFixtures.answers(try simulation())
    #expect(!first.isEmpty)
    #expect(first == second)
  }

  @Test func aDifferentSeedGivesDifferentAnswers() throws {
    let first = SimulationFixtures.answers(try simulation(seed: 1))
    let second = SimulationFixtures.answers(try simulation(seed: 2))
    let differing = zip(first, second).filter { $0.value != $1.value }.count
    // Most rows differ; a few agree by chance on a 5- or 7-point item.
    #expect(differing > first.count / 2)
  }

  /// A fingerprint of a whole file, so that any change of the output, on another
  /// platform or by a change of the code, fails here. The values agree with the
  /// Python transcription in `SimulationReferenceTests`
  /// (`python3 simulation_reference.py 25 pre,mid,post 0.5 2025`). If the output
  /// changes on purpose, update both and say so in the commit: published seeds then
  /// give other files.
  @Test func theOutputIsPinned() throws {
    let simulation = try simulation(respondents: 25, waves: ["pre", "mid", "post"], effect: 0.5)
    let (rows, hash, firstRows) = SimulationFixtures.fingerprint(simulation)
    #expect(
      firstRows == [
        "p01,pre,s-pre-p01,op01,3,Neither,2025-01-18T09:59:52Z\n",
        "p01,pre,s-pre-p01,op02,5,Strongly agree,2025-01-18T10:00:27Z\n",
        "p01,pre,s-pre-p01,op03,2,Disagree,2025-01-18T10:00:38Z\n",
      ])
    #expect(rows == 813)
    #expect(hash == 16_251_616_147_395_772_987)
    #expect(simulation.calibrations.map(\.latentShift) == [0.5819565371942972, 0.5793257782082422])
  }

  @Test func everyRatingIsSimulatedAndNothingElse() throws {
    let simulation = try simulation()
    #expect(
      simulation.itemIDs == [
        "op01", "op02", "op03", "op04", "op05", "op06", "ld01", "ld02", "ld03", "ld04", "extra",
      ])
    let items = Set(SimulationFixtures.answers(simulation).map(\.item))
    #expect(items == Set(simulation.itemIDs))
  }

  @Test func withoutNonresponseEveryoneAnswersEveryRating() throws {
    let simulation = try simulation(
      respondents: 30, waves: ["pre", "mid", "post"], options: .complete)
    let answers = SimulationFixtures.answers(simulation)
    #expect(simulation.maximumAnswerCount == 30 * 3 * 11)
    #expect(answers.count == simulation.maximumAnswerCount)
    #expect(!answers.contains { $0.isMissingChoice })
    let keys = Set(answers.map { "\($0.session)/\($0.item)" })
    #expect(keys.count == answers.count)
  }

  /// Nonresponse drops rows and "Not applicable" replaces values, at about the
  /// rates asked; every other answer is exactly what it is without them, since each
  /// item takes the same random draws either way.
  @Test func nonresponseAndNotApplicableOnlyRemoveOrReplaceAnswers() throws {
    let complete = SimulationFixtures.answers(try simulation(respondents: 500, options: .complete))
    let partial = SimulationFixtures.answers(
      try simulation(
        respondents: 500,
        options: .init(itemNonresponseRate: 0.05, notApplicableRate: 0.03)))
    let byKey = Dictionary(
      uniqueKeysWithValues: complete.map { ("\($0.session)/\($0.item)", $0) })
    for answer in partial {
      let full = byKey["\(answer.session)/\(answer.item)"]
      #expect(full?.answeredAt == answer.answeredAt)
      if !answer.isMissingChoice { #expect(full == answer) }
    }
    // 11,000 possible answers: the shares' standard errors are about 0.002.
    let skipped = Double(complete.count - partial.count) / Double(complete.count)
    #expect(abs(skipped - 0.05) < 0.01)
    let withMissingOption = partial.filter { $0.item.hasPrefix("op") || $0.item == "extra" }
    let notApplicable =
      Double(withMissingOption.filter(\.isMissingChoice).count)
      / Double(withMissingOption.count)
    // Among given answers the share is 0.03 / 0.95.
    #expect(abs(notApplicable - 0.03 / 0.95) < 0.01)
    // Items without a missing option never get one.
    #expect(!partial.contains { $0.item.hasPrefix("ld") && $0.isMissingChoice })
  }

  @Test func valuesAndLabelsAreTheQuestionsOwnChoices() throws {
    for answer in SimulationFixtures.answers(try simulation(respondents: 200)) {
      let choice = instrument.question(answer.item)?.choices?.choice(withValue: answer.value)
      #expect(choice != nil, "\(answer.item) = \(answer.value)")
      #expect(choice?.label.defaultText == answer.label)
      #expect(choice?.isMissing == answer.isMissingChoice)
    }
  }

  @Test(arguments: [
    (9, 0, "p1", "p9"), (2_000, 0, "p0001", "p2000"), (2_000, 41, "p0042", "p2000"),
    (100_000, 0, "p000001", "p100000"),
  ])
  func respondentIDsArePaddedToTheCohortSize(case: (Int, Int, String, String)) throws {
    let (size, index, id, last) = `case`
    let simulation = try simulation(respondents: size)
    #expect(simulation.respondentID(index) == id)
    #expect(simulation.respondentID(size - 1) == last)
    #expect(simulation.sessionID(respondentIndex: index, waveIndex: 1) == "s-post-" + id)
    #expect(simulation.sessionID(respondentIndex: index, waveIndex: 2) == nil)
  }

  @Test func idsIndicesAndOrderAgree() throws {
    let simulation = try simulation(respondents: 12, waves: ["t1", "t2", "t3"])
    var previous: (Int, Int, Int) = (-1, 0, 0)
    for answer in SimulationFixtures.answers(simulation) {
      #expect(answer.respondent == simulation.respondentID(answer.respondentIndex))
      #expect(answer.wave == simulation.waves[answer.waveIndex])
      #expect(answer.session == "s-\(answer.wave)-\(answer.respondent)")
      #expect(answer.item == simulation.itemIDs[answer.itemIndex])
      let position = (answer.respondentIndex, answer.waveIndex, answer.itemIndex)
      #expect(position > previous)
      previous = position
    }
  }

  /// Waves open 90 days apart; each person starts within the 14-day fieldwork
  /// window and answers one question after another, 4 to 40 seconds apart.
  @Test func answeredAtAdvancesDeterministically() throws {
    let start = try #require(SimulatedTimestamp(year: 2024, month: 9, day: 2, hour: 8))
    let simulation = try CohortSimulation(
      instrument: instrument, respondents: 100, waves: ["pre", "post", "follow-up"],
      effect: 0.3, seed: 7, start: start, options: .complete)
    var last: [String: SimulatedTimestamp] = [:]
    for answer in SimulationFixtures.answers(simulation) {
      let opens = start.secondsSince1970 + Int64(answer.waveIndex) * 90 * 86_400
      let elapsed = answer.answeredAt.secondsSince1970 - opens
      #expect(elapsed >= 4 && elapsed < 14 * 86_400 + 11 * 40)
      if let before = last[answer.session] {
        let gap = answer.answeredAt.secondsSince1970 - before.secondsSince1970
        #expect((4...40).contains(gap))
      }
      last[answer.session] = answer.answeredAt
    }
    #expect(last.count == 300)
  }

  @Test func anyRangeOfRespondentsIsTheSameAsInTheWholeRun() throws {
    let simulation = try simulation(respondents: 50)
    let whole = SimulationFixtures.answers(simulation)
    var part: [SimulatedAnswer] = []
    simulation.forEachAnswer(respondents: 17..<23) { part.append($0) }
    #expect(part == whole.filter { (17..<23).contains($0.respondentIndex) })
    var clamped: [SimulatedAnswer] = []
    simulation.forEachAnswer(respondents: 45..<80) { clamped.append($0) }
    #expect(clamped == whole.filter { $0.respondentIndex >= 45 })
  }

  /// A respondent's answers do not depend on how large the cohort is.
  @Test func growingTheCohortKeepsEarlierRespondents() throws {
    let small = SimulationFixtures.answers(try simulation(respondents: 9))
    var head: [SimulatedAnswer] = []
    try simulation(respondents: 9_999).forEachAnswer(respondents: 0..<9) { head.append($0) }
    #expect(small.map(\.value) == head.map(\.value))
    #expect(small.map(\.answeredAt) == head.map(\.answeredAt))
  }

  @Test func aThrowingBodyStopsTheStream() throws {
    struct Stop: Error {}
    var seen = 0
    #expect(throws: Stop.self) {
      try simulation().forEachAnswer { _ in
        seen += 1
        if seen == 5 { throw Stop() }
      }
    }
    #expect(seen == 5)
  }

  @Test(
    arguments: [
      (
        "no respondents", 0, ["pre", "post"], 0.5, CohortSimulation.Options(),
        "the number of respondents must be from 1 to 1000000000 (got 0)"
      ),
      (
        "too many respondents", 1_000_000_001, ["pre", "post"], 0.5, .init(),
        "the number of respondents must be from 1 to 1000000000 (got 1000000001)"
      ),
      ("no waves", 10, [], 0, .init(), "give at least one wave label, e.g. pre,post"),
      (
        "empty wave", 10, ["pre", ""], 0, .init(),
        "wave labels must not be empty; give labels such as pre,post"
      ),
      (
        "duplicate wave", 10, ["pre", "post", "pre"], 0, .init(),
        "wave 'pre' is listed twice; each wave needs its own label"
      ),
      (
        "infinite effect", 10, ["pre", "post"], .infinity, .init(),
        "the effect must be a finite number of standard deviations, such as 0.5"
      ),
      (
        "effect with one wave", 10, ["pre"], 0.5, .init(),
        "an effect (0.5) needs at least two waves to change between; "
          + "give waves such as pre,post, or an effect of 0"
      ),
      (
        "rate above 1", 10, ["pre", "post"], 0, .init(itemNonresponseRate: 1.5),
        "the item nonresponse rate must be in 0.0...1.0 (got 1.5)"
      ),
      (
        "rates together above 1", 10, ["pre", "post"], 0,
        .init(itemNonresponseRate: 0.6, notApplicableRate: 0.6),
        "the nonresponse and not-applicable rates together must be in 0.0...1.0 (got 1.2)"
      ),
      (
        "reliability of 1", 10, ["pre", "post"], 0, .init(reliability: 1),
        "the reliability must be in 0.1...0.95 (got 1.0)"
      ),
      (
        "negative correlation", 10, ["pre", "post"], 0, .init(scaleCorrelation: -0.2),
        "the correlation between scales must be in 0.0...0.95 (got -0.2)"
      ),
    ] as [(String, Int, [String], Double, CohortSimulation.Options, String)])
  func invalidSettingsAreRefusedWithAMessage(
    case: (String, Int, [String], Double, CohortSimulation.Options, String)
  ) {
    let (_, respondents, waves, effect, options, message) = `case`
    #expect {
      try CohortSimulation(
        instrument: instrument, respondents: respondents, waves: waves, effect: effect,
        options: options)
    } throws: { error in
      (error as? SimulationError)?.description == message
    }
  }

  @Test func anInstrumentWithoutRatingsHasNothingToSimulate() {
    let notes = Instrument(
      id: "notes", version: "1", defaultLanguage: "en", title: LocalizedText("Notes"),
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: [
            .question(
              Question(
                id: "why", kind: .reflection, prompt: LocalizedText("Why?"), isRequired: false))
          ])
      ])
    #expect(throws: SimulationError.nothingToSimulate(instrument: "notes")) {
      try CohortSimulation(instrument: notes, respondents: 10)
    }
    #expect(
      SimulationError.nothingToSimulate(instrument: "notes").description
        == "instrument 'notes' has no rating questions with numeric choices, "
        + "so there is nothing to simulate")
  }

  /// A 5-point item can move its mean by at most a few SDs: from the middle to the
  /// top choice.
  @Test func anEffectTheChoicesCannotShowIsRefused() throws {
    #expect {
      try simulation(effect: 10)
    } throws: { error in
      guard
        case .effectNotAttainable(let scale, let effect, let maximum)? = error as? SimulationError
      else { return false }
      return scale == "openness" && effect == 10 && maximum > 2 && maximum < 10
    }
    #expect(
      SimulationError.effectNotAttainable(scale: "openness", effect: 10, maximum: 3.456)
        .description
        == "scale 'openness' cannot change by 10.0 SD: its choices allow at most about "
        + "3.46 SD in that direction; give a smaller effect")
  }

  @Test func startsThatRunOutOfFourDigitYearsAreRefused() throws {
    let late = try #require(SimulatedTimestamp(year: 9999, month: 12, day: 1))
    #expect(throws: SimulationError.startOutOfRange(late)) {
      try CohortSimulation(instrument: instrument, respondents: 3, start: late)
    }
    let never = SimulatedTimestamp(secondsSince1970: .max)
    #expect(throws: SimulationError.startOutOfRange(never)) {
      try CohortSimulation(instrument: instrument, respondents: 3, start: never)
    }
    let early = SimulatedTimestamp(secondsSince1970: -62_135_596_801)
    #expect(throws: SimulationError.startOutOfRange(early)) {
      try CohortSimulation(instrument: instrument, respondents: 3, start: early)
    }
  }
}
