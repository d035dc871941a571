/// A synthetic cohort answering an instrument over several waves, with a known true
/// change: for demos, tests and benchmarks (`reflect simulate`).
///
/// The answers are a pure function of the configuration: the same instrument, size,
/// waves, effect, seed, start and options give the same answers, in the same order,
/// on every platform.
///
/// ## The model
///
/// - Each person has one latent, standard-normal trait per scale, correlated across
///   scales by ``Options/scaleCorrelation`` through a shared general factor.
/// - At wave j of k the trait is θ + δ·(j/(k − 1) − ½): the change δ is spread
///   evenly over the waves, and the cohort's path is centred on the middle of the
///   choices, so that the first and last waves crowd towards the ends of the choices
///   alike and have about the same spread (the first wave's mean is a little below
///   the middle, the last a little above). δ is calibrated per scale
///   (``ScaleCalibration``) so that the observed scale score changes by ``effect``
///   first-wave standard deviations from the first wave to the last.
/// - An item's continuous response is λ·trait + √(1 − λ²)·noise, with the loading λ
///   chosen from the number of items so that each scale's alpha before rounding is
///   about ``Options/reliability`` (rounding into choices lowers it a little), and
///   varied a little between items. The response is cut into the item's non-missing
///   choices by equally spaced thresholds over ±2 SD, shifted a little per item, so
///   scores sit mid-range with a realistic spread.
/// - A reverse-keyed item is answered mirrored: after reverse keying it agrees with
///   the scale's other items. An item listed in several scales follows the first.
/// - A rating in no scale is answered from noise alone.
/// - Non-rating questions (`select`, `number`, `reflection`) are left unanswered, as
///   are ratings without numeric choices: there is no model for them.
/// - Each answered item is, with ``Options/itemNonresponseRate``, skipped (no row),
///   and, where its choices have a `missing` option, with
///   ``Options/notApplicableRate`` answered with that option ("Not applicable").
/// - Wave j starts ``Options/waveIntervalDays`` × j days after ``start``; each person
///   begins at a random second within ``Options/fieldworkDays`` of it and spends 4 to
///   40 seconds on each question.
///
/// ## Output
///
/// ``forEachAnswer(_:)`` streams the answers person by person, wave by wave, question
/// by question in definition order, without holding the cohort in memory. Each
/// respondent draws from their own random stream, so any range of respondents can be
/// produced on its own (``forEachAnswer(respondents:_:)``) and gives the same answers
/// as the whole run.
public struct CohortSimulation: Sendable {
  /// Rates and shape of the simulated data, beyond the effect.
  public struct Options: Sendable, Hashable {
    /// The probability that a person leaves an item unanswered, in [0, 1].
    public var itemNonresponseRate: Double
    /// The probability that a person picks the `missing` option ("Not applicable") of
    /// an item that has one, in [0, 1]; with the nonresponse rate at most 1.
    public var notApplicableRate: Double
    /// Cronbach's alpha each scale should have before answers are rounded into
    /// choices, in [0.1, 0.95]; the observed alpha comes out a little lower.
    public var reliability: Double
    /// The correlation between the traits of different scales, in [0, 0.95].
    public var scaleCorrelation: Double
    /// Days from the start of one wave to the start of the next, 0 to 36,500.
    public var waveIntervalDays: Int
    /// Days over which people start a wave, 0 to 3,650.
    public var fieldworkDays: Int

    public init(
      itemNonresponseRate: Double = 0.02, notApplicableRate: Double = 0.01,
      reliability: Double = 0.8, scaleCorrelation: Double = 0.3, waveIntervalDays: Int = 90,
      fieldworkDays: Int = 14
    ) {
      self.itemNonresponseRate = itemNonresponseRate
      self.notApplicableRate = notApplicableRate
      self.reliability = reliability
      self.scaleCorrelation = scaleCorrelation
      self.waveIntervalDays = waveIntervalDays
      self.fieldworkDays = fieldworkDays
    }

    /// Everyone answers every item with a scored choice.
    public static let complete = Options(itemNonresponseRate: 0, notApplicableRate: 0)
  }

  /// The instrument answered.
  public let instrument: Instrument
  /// How many people the cohort has.
  public let respondentCount: Int
  /// The waves' labels, in order.
  public let waves: [String]
  /// The true change of every scale from the first wave to the last, in first-wave
  /// standard deviations of the observed scale score.
  public let effect: Double
  /// The seed all answers derive from.
  public let seed: UInt64
  /// When the first wave opens.
  public let start: SimulatedTimestamp
  public let options: Options
  /// Per scale whose trait drives at least one item, in the instrument's order: the
  /// latent shift used and the scores to expect.
  public let calibrations: [ScaleCalibration]

  /// The simulated questions, in definition order.
  let items: [ItemModel]
  /// Every item's cut points, one after another (``ItemModel/thresholds``).
  let thresholds: [Double]
  /// Every item's choice values and labels, one after another (``ItemModel/choices``).
  let choiceValues: [String]
  let choiceLabels: [String]
  /// Per latent trait, its shift from the first wave to the last.
  let latentShifts: [Double]
  /// The digits in the largest respondent number.
  let respondentIDWidth: Int

  /// One simulated question, resolved into the tables the generator reads.
  struct ItemModel: Sendable, Hashable {
    var id: String
    /// Which trait drives it; `latentShifts.count` for an item in no scale, whose
    /// trait slot is always 0.
    var latent: Int
    var loading: Double
    var noiseSD: Double
    /// Its cut points in ``CohortSimulation/thresholds``, one fewer than its choices.
    var thresholds: Range<Int>
    /// Its non-missing choices in ``CohortSimulation/choiceValues``, from the lowest
    /// response category to the highest: ascending by value, or descending for a
    /// reverse-keyed item, which is how its mirrored answers come about.
    var choices: Range<Int>
    /// Its first `missing` choice in ``CohortSimulation/choiceValues``, if any.
    var missingChoice: Int?
  }

  /// Sets up a cohort of `respondents` people answering `instrument` at each of
  /// `waves`, with every scale changing by `effect` first-wave SDs from the first
  /// wave to the last.
  ///
  /// - Throws: ``SimulationError`` when an argument is out of range, the instrument
  ///   has no rating to answer, or a scale's choices cannot show a change of `effect`.
  public init(
    instrument: Instrument, respondents: Int, waves: [String] = ["pre", "post"],
    effect: Double = 0, seed: UInt64 = 1, start: SimulatedTimestamp = .defaultStart,
    options: Options = Options()
  ) throws(SimulationError) {
    try Self.validate(respondents: respondents, waves: waves, effect: effect, options: options)

    // Which scale each question belongs to: the first that lists it.
    var owners: [String: (scale: Int, item: ScaleItem)] = [:]
    for (scaleIndex, scale) in instrument.scales.enumerated() {
      for item in scale.items where owners[item.questionID] == nil {
        owners[item.questionID] = (scaleIndex, item)
      }
    }

    struct Rated {
      var question: Question
      /// Non-missing numeric choices, ascending by value.
      var ordinal: [(choice: Choice, value: Double)]
      var missing: Choice?
      var owner: (scale: Int, item: ScaleItem)?
    }
    var rated: [Rated] = []
    for question in instrument.questions {
      guard case .rating(let list) = question.kind else { continue }
      let ordinal = list.choices.enumerated()
        .compactMap { offset, choice in
          choice.isMissing ? nil : choice.numericValue.map { (offset, choice, $0) }
        }
        // The list's order breaks ties, so the result never depends on the sort.
        .sorted { ($0.2, $0.0) < ($1.2, $1.0) }
        .map { (choice: $0.1, value: $0.2) }
      guard !ordinal.isEmpty else { continue }
      rated.append(
        Rated(
          question: question, ordinal: ordinal, missing: list.choices.first(where: \.isMissing),
          owner: owners[question.id]))
    }
    guard !rated.isEmpty else { throw .nothingToSimulate(instrument: instrument.id) }

    // A trait for every scale that drives at least one item.
    var itemsPerScale = [Int](repeating: 0, count: instrument.scales.count)
    for entry in rated { if let owner = entry.owner { itemsPerScale[owner.scale] += 1 } }
    var latentOfScale = [Int?](repeating: nil, count: instrument.scales.count)
    var latentCount = 0
    for scaleIndex in instrument.scales.indices where itemsPerScale[scaleIndex] > 0 {
      latentOfScale[scaleIndex] = latentCount
      latentCount += 1
    }

    // Item parameters come from their own stream, apart from every respondent's.
    var parameters = SeededGenerator(seed: seed, stream: .max)
    var items: [ItemModel] = []
    var thresholds: [Double] = []
    var choiceValues: [String] = []
    var choiceLabels: [String] = []
    var calibrationItems = [[ScaleCalibration.Item]](repeating: [], count: latentCount)
    for entry in rated {
      let jitter = parameters.nextUniform()
      let difficulty = 0.25 * parameters.nextNormal()
      var latent = latentCount
      var loading = 0.0
      var reversed = false
      if let owner = entry.owner, let ownerLatent = latentOfScale[owner.scale] {
        latent = ownerLatent
        reversed = owner.item.isReversed
        // The inter-item correlation r that gives alpha α over k parallel items
        // (Spearman–Brown: α = k r / (1 + (k − 1) r)); the loading is √r, varied by
        // ±15% so that items differ as real ones do.
        let k = Double(itemsPerScale[owner.scale])
        let alpha = options.reliability
        let correlation = alpha / (k - (k - 1) * alpha)
        loading = min(max(correlation.squareRoot() * (0.85 + 0.3 * jitter), 0.05), 0.95)
      }
      let noiseSD = (1 - loading * loading).squareRoot()

      let count = entry.ordinal.count
      let cutStart = thresholds.count
      for cut in 1..<max(count, 1) {
        thresholds.append(-2 + 4 * Double(cut) / Double(count) + difficulty)
      }
      let choiceStart = choiceValues.count
      let keyed = reversed ? Array(entry.ordinal.reversed()) : entry.ordinal
      for (choice, _) in keyed {
        choiceValues.append(choice.value)
        choiceLabels.append(choice.label.defaultText)
      }
      var missingChoice: Int?
      if let missing = entry.missing {
        missingChoice = choiceValues.count
        choiceValues.append(missing.value)
        choiceLabels.append(missing.label.defaultText)
      }
      items.append(
        ItemModel(
          id: entry.question.id, latent: latent, loading: loading, noiseSD: noiseSD,
          thresholds: cutStart..<thresholds.count, choices: choiceStart..<(choiceStart + count),
          missingChoice: missingChoice))

      if latent < latentCount, let owner = entry.owner {
        // Scoring recodes a reversed answer x as (min + max) − x.
        let low = entry.ordinal[0].value
        let high = entry.ordinal[count - 1].value
        let recoded = keyed.map { reversed ? low + high - $0.value : $0.value }
        calibrationItems[latent].append(
          ScaleCalibration.Item(
            loading: loading, noiseSD: noiseSD,
            thresholds: Array(thresholds[cutStart..<thresholds.count]), recoded: recoded,
            weight: owner.item.weight))
      }
    }

    var calibrations: [ScaleCalibration] = []
    for (scaleIndex, scale) in instrument.scales.enumerated() {
      guard let latent = latentOfScale[scaleIndex] else { continue }
      let multiplier = scale.method == .sum ? scale.items.reduce(0) { $0 + $1.weight } : 1
      calibrations.append(
        try ScaleCalibration(
          scaleID: scale.id, items: calibrationItems[latent], effect: effect,
          scoreMultiplier: multiplier))
    }

    // The last answer comes at most one fieldwork window and 40 seconds per question
    // after the last wave opens; checking the start first keeps the sum in range.
    guard start.secondsSince1970 >= Self.earliestSecond, start <= SimulatedTimestamp.latest
    else { throw .startOutOfRange(start) }
    let last =
      start.secondsSince1970 + Int64(waves.count - 1) * Int64(options.waveIntervalDays) * 86_400
      + Int64(options.fieldworkDays) * 86_400 + Int64(items.count) * 40
    guard last <= SimulatedTimestamp.latest.secondsSince1970 else {
      throw .startOutOfRange(start)
    }

    self.instrument = instrument
    self.respondentCount = respondents
    self.waves = waves
    self.effect = effect
    self.seed = seed
    self.start = start
    self.options = options
    self.calibrations = calibrations
    self.items = items
    self.thresholds = thresholds
    self.choiceValues = choiceValues
    self.choiceLabels = choiceLabels
    self.latentShifts = calibrations.map(\.latentShift)
    self.respondentIDWidth = String(respondents).count
  }

  /// The largest cohort: a billion people, far beyond any real programme, and small
  /// enough that counts and ids never overflow.
  public static let maximumRespondents = 1_000_000_000

  /// 0001-01-01T00:00:00Z, the first moment a four-digit year can write.
  private static let earliestSecond: Int64 = -62_135_596_800

  private static func validate(
    respondents: Int, waves: [String], effect: Double, options: Options
  ) throws(SimulationError) {
    guard (1...maximumRespondents).contains(respondents) else {
      throw .respondentsOutOfRange(respondents)
    }
    guard !waves.isEmpty else { throw .noWaves }
    var seen = Set<String>()
    for wave in waves {
      guard !wave.isEmpty else { throw .emptyWaveLabel }
      guard seen.insert(wave).inserted else { throw .duplicateWave(wave) }
    }
    guard effect.isFinite else { throw .effectNotFinite }
    guard waves.count > 1 || effect == 0 else { throw .effectNeedsTwoWaves(effect) }
    func check(
      _ name: String, _ value: Double, _ range: ClosedRange<Double>
    )
      throws(SimulationError)
    {
      guard range.contains(value) else {
        throw .optionOutOfRange(
          name: name, value: value, range: "\(range.lowerBound)...\(range.upperBound)")
      }
    }
    try check("the item nonresponse rate", options.itemNonresponseRate, 0...1)
    try check("the not-applicable rate", options.notApplicableRate, 0...1)
    try check(
      "the nonresponse and not-applicable rates together",
      options.itemNonresponseRate + options.notApplicableRate, 0...1)
    try check("the reliability", options.reliability, 0.1...0.95)
    try check("the correlation between scales", options.scaleCorrelation, 0...0.95)
    try check("the days between waves", Double(options.waveIntervalDays), 0...36_500)
    try check("the fieldwork days", Double(options.fieldworkDays), 0...3_650)
  }

  /// The ids of the simulated questions, in definition order: every `rating` with
  /// numeric choices.
  public var itemIDs: [String] { items.map(\.id) }

  /// How many answers there are when nobody skips an item.
  public var maximumAnswerCount: Int {
    let (perRespondent, overflow) = waves.count.multipliedReportingOverflow(by: items.count)
    let (total, overflowAgain) = perRespondent.multipliedReportingOverflow(by: respondentCount)
    return overflow || overflowAgain ? .max : total
  }

  /// The id of the respondent at `index` (from 0): `p` and the number `index + 1`,
  /// zero-padded to the width of the cohort size (`p0001` … `p2000`), so that ids sort
  /// in order as text.
  public func respondentID(_ index: Int) -> String {
    let digits = String(index &+ 1)
    return "p" + String(repeating: "0", count: max(0, respondentIDWidth - digits.count))
      + digits
  }

  /// The id of a respondent's session at a wave: `s-<wave>-<respondent>`; `nil` when
  /// there is no wave at `waveIndex`.
  public func sessionID(respondentIndex: Int, waveIndex: Int) -> String? {
    guard waves.indices.contains(waveIndex) else { return nil }
    return "s-" + waves[waveIndex] + "-" + respondentID(respondentIndex)
  }

  /// Calls `body` with every answer of the cohort, in order: respondent by
  /// respondent, wave by wave, question by question.
  public func forEachAnswer(_ body: (SimulatedAnswer) throws -> Void) rethrows {
    try forEachAnswer(respondents: 0..<respondentCount, body)
  }

  /// Calls `body` with the answers of the respondents at `respondents` (positions
  /// from 0; clamped to the cohort), exactly as the whole run gives them. Ranges can
  /// be produced separately, for instance in parallel.
  public func forEachAnswer(
    respondents: Range<Int>, _ body: (SimulatedAnswer) throws -> Void
  ) rethrows {
    let range = respondents.clamped(to: 0..<respondentCount)
    let latentCount = latentShifts.count
    let shared = options.scaleCorrelation.squareRoot()
    let unique = (1 - options.scaleCorrelation).squareRoot()
    let waveSeconds = Int64(options.waveIntervalDays) * 86_400
    let fieldworkSeconds = options.fieldworkDays * 86_400
    let nonresponse = options.itemNonresponseRate
    let notApplicable = nonresponse + options.notApplicableRate
    // One slot per trait, and a last one that stays 0 for items in no scale.
    var traits = [Double](repeating: 0, count: latentCount + 1)
    var current = [Double](repeating: 0, count: latentCount + 1)

    for person in range {
      // The order of the draws below is part of the output's definition: changing
      // it changes every simulated file.
      var random = SeededGenerator(seed: seed, stream: UInt64(person))
      let respondent = respondentID(person)
      let general = random.nextNormal()
      for latent in 0..<latentCount {
        traits[latent] = shared * general + unique * random.nextNormal()
      }
      for waveIndex in waves.indices {
        let wave = waves[waveIndex]
        let session = "s-" + wave + "-" + respondent
        // From −½ at the first wave to +½ at the last (0 when there is one wave).
        let progress =
          waves.count > 1 ? Double(waveIndex) / Double(waves.count - 1) - 0.5 : 0
        for latent in 0..<latentCount {
          current[latent] = traits[latent] + latentShifts[latent] * progress
        }
        var clock =
          start.secondsSince1970 + Int64(waveIndex) * waveSeconds
          + Int64(random.nextInt(below: fieldworkSeconds))
        for itemIndex in items.indices {
          let item = items[itemIndex]
          let noise = random.nextNormal()
          let chance = random.nextUniform()
          clock += 4 + Int64(random.nextInt(below: 37))
          if chance < nonresponse { continue }
          var choice: Int
          if chance < notApplicable, let missing = item.missingChoice {
            choice = missing
          } else {
            let response = item.loading * current[item.latent] + item.noiseSD * noise
            choice = item.choices.lowerBound
            var cut = item.thresholds.lowerBound
            while cut < item.thresholds.upperBound, response >= thresholds[cut] {
              cut += 1
              choice += 1
            }
          }
          try body(
            SimulatedAnswer(
              respondent: respondent, respondentIndex: person, wave: wave,
              waveIndex: waveIndex, session: session, item: item.id, itemIndex: itemIndex,
              value: choiceValues[choice], label: choiceLabels[choice],
              isMissingChoice: choice == item.missingChoice,
              answeredAt: SimulatedTimestamp(secondsSince1970: clock)))
        }
      }
    }
  }
}
