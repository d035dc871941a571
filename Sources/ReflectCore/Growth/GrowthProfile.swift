/// One respondent's longitudinal growth on one instrument (`reflect profile`): the scores
/// of every wave in order, the change between consecutive waves and from the first to the
/// last, each judged by the reliable change index, and the trend over three or more waves.
///
/// Made by ``GrowthData/profile(of:)``. Its JSON is the `profile` shape of cli.md.
public struct GrowthProfile: Sendable, Hashable {
  /// One wave of the person, in order.
  public struct Wave: Sendable, Hashable {
    public var wave: String
    /// When the session was completed (else started), as recorded (ISO 8601).
    public var date: String?
    /// The id of the session that counts at this wave.
    public var session: String
    /// One entry per scale, then per composite, in the instrument's order.
    public var scores: [Score]
  }

  /// A scale's or composite's score at one wave; `nil`s when it is missing.
  public struct Score: Sendable, Hashable {
    public var scale: String
    public var score: Double?
    public var pomp: Double?
    /// The band's label.
    public var band: String?
  }

  /// The change of one score between two of the person's waves.
  public struct Change: Sendable, Hashable {
    public var scale: String
    /// The earlier and the later wave.
    public var from: String
    public var to: String
    /// The later score less the earlier; `nil` when either is missing.
    public var change: Double?
    /// RCI = change / S_diff; `nil` without both scores or a reliability.
    public var rci: Double?
    public var classification: ChangeClassification
    /// The earlier and the later score.
    public var scoreFrom: Double?
    public var scoreTo: Double?
    /// Why the classification is `unknown`; `nil` otherwise.
    public var reason: String?
    /// The reliability r that judged the change, from ``reliabilitySource``, at `from`.
    public var reliability: Double?
    public var reliabilitySource: ReliabilityEstimate.Source
    /// SEM = s₁ √(1 − r).
    public var sem: Double?
  }

  /// The least-squares trend of one score over the person's waves.
  public struct Trend: Sendable, Hashable {
    public var scale: String
    /// The slope of the score on the wave's position (0, 1, 2, … in the person's order).
    public var slopePerWave: Double?
    /// How many waves with a score the slope rests on (at least 3).
    public var waves: Int
  }

  public var respondent: String
  /// The instrument's id.
  public var instrument: String
  public var waves: [Wave]
  /// Per score, in the instrument's order: each consecutive pair of waves, then the first
  /// against the last when there are three waves or more.
  public var changes: [Change]
  /// Per score with a score at three waves or more: the trend over those waves, each at
  /// its position in the person's order.
  public var trends: [Trend]

  /// The changes from the second-to-last wave to the last, one per score: what a person
  /// who has just finished a wave wants to hear ("2.8 → 3.6, a change larger than
  /// measurement noise"). Empty with fewer than two waves.
  public var changesSincePreviousWave: [Change] {
    guard waves.count >= 2 else { return [] }
    let previous = waves[waves.count - 2].wave
    let last = waves[waves.count - 1].wave
    return changes.filter { $0.from == previous && $0.to == last }
  }
}

extension GrowthData {
  /// The growth profile of `respondent`.
  ///
  /// - Throws: ``GrowthError/Code/unknownRespondent`` when they have no session.
  public func profile(of respondent: String) throws(GrowthError) -> GrowthProfile {
    let sessions = waves(of: respondent)
    guard !sessions.isEmpty else {
      throw .unknownRespondent(respondent, instrument: instrumentID)
    }
    let waves = sessions.map { session in
      GrowthProfile.Wave(
        wave: session.wave, date: session.date, session: session.session,
        scores: scores.map { column in
          GrowthProfile.Score(
            scale: column.id, score: column.score(session.row), pomp: column.pomp(session.row),
            band: column.band(session.row)?.label)
        })
    }

    var spans = zip(sessions, sessions.dropFirst()).map { ($0, $1) }
    if sessions.count >= 3, let first = sessions.first, let last = sessions.last {
      spans.append((first, last))
    }
    var changes: [GrowthProfile.Change] = []
    changes.reserveCapacity(scores.count * spans.count)
    var trends: [GrowthProfile.Trend] = []
    for (index, column) in scores.enumerated() {
      for (from, to) in spans {
        let estimate = reliability(at: from.wave)[index]
        let judged = JudgedChange(
          from: column.score(from.row), to: column.score(to.row), fromWave: from.wave,
          toWave: to.wave, direction: column.direction, estimate: estimate)
        changes.append(
          GrowthProfile.Change(
            scale: column.id, from: from.wave, to: to.wave, change: judged.change,
            rci: judged.rci, classification: judged.classification, scoreFrom: judged.scoreFrom,
            scoreTo: judged.scoreTo, reason: judged.reason, reliability: estimate.reliability,
            reliabilitySource: estimate.source, sem: estimate.sem))
      }
      var positions: [Double] = []
      var values: [Double] = []
      for (position, session) in sessions.enumerated() {
        guard let score = column.score(session.row) else { continue }
        positions.append(Double(position))
        values.append(score)
      }
      if values.count >= 3 {
        trends.append(
          GrowthProfile.Trend(
            scale: column.id, slopePerWave: LeastSquares.slope(of: values, on: positions),
            waves: values.count))
      }
    }
    return GrowthProfile(
      respondent: respondent, instrument: instrumentID, waves: waves, changes: changes,
      trends: trends)
  }
}
