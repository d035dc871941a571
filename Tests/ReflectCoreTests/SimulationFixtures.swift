import ReflectCore

/// A small instrument with what the simulation must handle: a 5-point agreement
/// scale with a "Not applicable" option, reverse-keyed and weighted items, a 7-point
/// `sum` scale, a rating in no scale, and questions that are not ratings.
enum SimulationFixtures {
  static let agree5 = ChoiceList(
    id: "agree5",
    choices: [
      Choice(value: "1", label: LocalizedText("Strongly disagree")),
      Choice(value: "2", label: LocalizedText("Disagree")),
      Choice(value: "3", label: LocalizedText("Neither")),
      Choice(value: "4", label: LocalizedText("Agree")),
      Choice(value: "5", label: LocalizedText("Strongly agree")),
      Choice(value: "0", label: LocalizedText("Not applicable"), isMissing: true),
    ])

  static let often7 = ChoiceList(
    id: "often7",
    choices: (1...7).map { Choice(value: "\($0)", label: LocalizedText("\($0) of 7")) })

  static let roles = ChoiceList(
    id: "roles",
    choices: [
      Choice(value: "mentor", label: LocalizedText("Mentor")),
      Choice(value: "mentee", label: LocalizedText("Mentee")),
    ])

  static func rating(_ id: String, _ list: ChoiceList) -> Section.Element {
    .question(
      Question(id: id, kind: .rating(list), prompt: LocalizedText(id), isRequired: true))
  }

  static let instrument = Instrument(
    id: "growth", version: "1.0", defaultLanguage: "en", title: LocalizedText("Growth"),
    choiceLists: [agree5, often7, roles],
    sections: [
      Section(
        id: "about", title: LocalizedText("About you"),
        elements: [
          .question(
            Question(
              id: "role", kind: .select(roles, multiple: false, minCount: nil, maxCount: nil),
              prompt: LocalizedText("Your role"), isRequired: true)),
          .question(
            Question(
              id: "years", kind: .number(min: 0, max: 50, integer: true),
              prompt: LocalizedText("Years in the organisation"), isRequired: false)),
        ]),
      Section(
        id: "openness", title: LocalizedText("Openness"),
        elements: [
          rating("op01", agree5), rating("op02", agree5), .note(LocalizedText("Halfway.")),
          rating("op03", agree5), rating("op04", agree5), rating("op05", agree5),
          rating("op06", agree5),
        ]),
      Section(
        id: "leading", title: LocalizedText("Leading"),
        elements: [
          rating("ld01", often7), rating("ld02", often7), rating("ld03", often7),
          rating("ld04", often7), rating("extra", agree5),
          .question(
            Question(
              id: "why", kind: .reflection, prompt: LocalizedText("What changed?"),
              isRequired: false)),
        ]),
    ],
    scales: [
      Scale(
        id: "openness", title: LocalizedText("Openness"),
        items: [
          ScaleItem(questionID: "op01"), ScaleItem(questionID: "op02", isReversed: true),
          ScaleItem(questionID: "op03", weight: 2), ScaleItem(questionID: "op04"),
          ScaleItem(questionID: "op05", isReversed: true), ScaleItem(questionID: "op06"),
        ]),
      Scale(
        id: "leading", title: LocalizedText("Leading"), method: .sum,
        items: [
          ScaleItem(questionID: "ld01"), ScaleItem(questionID: "ld02"),
          ScaleItem(questionID: "ld03", isReversed: true), ScaleItem(questionID: "ld04"),
        ]),
    ])

  /// The whole output as `long` CSV rows without the instrument columns
  /// (`respondent,wave,session,item,value,label,answered_at`): how many, their FNV-1a
  /// hash, and the first three.
  static func fingerprint(
    _ simulation: CohortSimulation
  ) -> (
    rows: Int, hash: UInt64, firstRows: [String]
  ) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var rows = 0
    var firstRows: [String] = []
    simulation.forEachAnswer { answer in
      var line = Array(
        [answer.respondent, answer.wave, answer.session, answer.item, answer.value, answer.label]
          .joined(separator: ",").utf8)
      line.append(UInt8(ascii: ","))
      answer.answeredAt.appendISO8601(to: &line)
      line.append(UInt8(ascii: "\n"))
      for byte in line {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      }
      if rows < 3 { firstRows.append(String(decoding: line, as: UTF8.self)) }
      rows += 1
    }
    return (rows, hash, firstRows)
  }

  /// Every answer of `simulation`, in order.
  static func answers(_ simulation: CohortSimulation) -> [SimulatedAnswer] {
    var all: [SimulatedAnswer] = []
    simulation.forEachAnswer { all.append($0) }
    return all
  }
}

/// Scale scores computed by the statistics spec's rules, small and slow on purpose:
/// an independent check of what the simulation promises, not the project's scorer.
struct SimulationScorer {
  /// Numeric answers per session and question; a `missing` choice counts as no answer.
  var values: [String: [String: Double]] = [:]
  var waveOfSession: [String: Int] = [:]
  var respondentOfSession: [String: String] = [:]

  init(_ answers: [SimulatedAnswer]) {
    for answer in answers {
      waveOfSession[answer.session] = answer.waveIndex
      respondentOfSession[answer.session] = answer.respondent
      guard !answer.isMissingChoice, let number = Double(answer.value) else { continue }
      values[answer.session, default: [:]][answer.item] = number
    }
  }

  /// The raw (not recoded) answer of a session to a question.
  func raw(_ session: String, _ item: String) -> Double? { values[session]?[item] }

  /// `mean` or `sum` score with every item required (the default `min-answered`),
  /// reverse keying as `(min + max) − x`.
  func score(_ scale: Scale, in instrument: Instrument, session: String) -> Double? {
    var total = 0.0
    var weights = 0.0
    for item in scale.items {
      guard let x = raw(session, item.questionID),
        let range = instrument.question(item.questionID)?.choices?.numericRange
      else { return nil }
      let recoded = item.isReversed ? range.lowerBound + range.upperBound - x : x
      total += item.weight * recoded
      weights += item.weight
    }
    let mean = total / weights
    return scale.method == .sum ? mean * scale.items.reduce(0) { $0 + $1.weight } : mean
  }

  /// Per respondent, the scale's score at each wave (nil where missing).
  func scores(_ scale: Scale, in instrument: Instrument, waves: Int) -> [String: [Double?]] {
    var result: [String: [Double?]] = [:]
    for (session, respondent) in respondentOfSession {
      guard let wave = waveOfSession[session] else { continue }
      var row = result[respondent] ?? Array(repeating: nil, count: waves)
      row[wave] = score(scale, in: instrument, session: session)
      result[respondent] = row
    }
    return result
  }
}

/// Small statistics for the tests (sample variances, n − 1).
enum SimulationStatistics {
  static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

  static func sd(_ xs: [Double]) -> Double {
    let m = mean(xs)
    return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
  }

  static func correlation(_ xs: [Double], _ ys: [Double]) -> Double {
    let mx = mean(xs)
    let my = mean(ys)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (x, y) in zip(xs, ys) {
      sxy += (x - mx) * (y - my)
      sxx += (x - mx) * (x - mx)
      syy += (y - my) * (y - my)
    }
    return sxy / (sxx * syy).squareRoot()
  }

  /// Cronbach's alpha of complete rows (one array per item).
  static func alpha(_ items: [[Double]]) -> Double {
    let k = Double(items.count)
    let n = items.first?.count ?? 0
    let itemVariances = items.reduce(0) { $0 + sd($1) * sd($1) }
    let sums = (0..<n).map { row in items.reduce(0) { $0 + $1[row] } }
    return k / (k - 1) * (1 - itemVariances / (sd(sums) * sd(sums)))
  }
}
