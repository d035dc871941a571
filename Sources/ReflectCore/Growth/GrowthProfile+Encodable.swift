/// The `profile` JSON shape of cli.md, keys in snake_case, missing figures as `null`; a
/// change carries `score_from`, `score_to`, `reason`, `reliability`, `reliability_source`
/// and `sem` after the cli.md fields.
extension GrowthProfile: Encodable {
  private enum CodingKeys: String, CodingKey {
    case respondent, instrument, waves, changes, trends
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(respondent, forKey: .respondent)
    try container.encode(instrument, forKey: .instrument)
    try container.encode(waves, forKey: .waves)
    try container.encode(changes, forKey: .changes)
    try container.encode(trends, forKey: .trends)
  }
}

extension GrowthProfile.Wave: Encodable {
  private enum CodingKeys: String, CodingKey {
    case wave, date, session, scores
  }

  private enum ScoreKeys: String, CodingKey {
    case score, pomp, band
  }

  /// `scores` is an object keyed by scale id, in the instrument's order.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(wave, forKey: .wave)
    try container.encode(date, forKey: .date)
    try container.encode(session, forKey: .session)
    var byScale = container.nestedContainer(keyedBy: DynamicCodingKey.self, forKey: .scores)
    for score in scores {
      var entry = byScale.nestedContainer(
        keyedBy: ScoreKeys.self, forKey: DynamicCodingKey(score.scale))
      try entry.encode(score.score, forKey: .score)
      try entry.encode(score.pomp, forKey: .pomp)
      try entry.encode(score.band, forKey: .band)
    }
  }
}

extension GrowthProfile.Change: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scale, from, to, change, rci, classification
    case scoreFrom = "score_from"
    case scoreTo = "score_to"
    case reason, reliability
    case reliabilitySource = "reliability_source"
    case sem
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scale, forKey: .scale)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(change, forKey: .change)
    try container.encode(rci, forKey: .rci)
    try container.encode(classification, forKey: .classification)
    try container.encode(scoreFrom, forKey: .scoreFrom)
    try container.encode(scoreTo, forKey: .scoreTo)
    try container.encode(reason, forKey: .reason)
    try container.encode(reliability, forKey: .reliability)
    try container.encode(reliabilitySource, forKey: .reliabilitySource)
    try container.encode(sem, forKey: .sem)
  }
}

extension GrowthProfile.Trend: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scale
    case slopePerWave = "slope_per_wave"
    case waves
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scale, forKey: .scale)
    try container.encode(slopePerWave, forKey: .slopePerWave)
    try container.encode(waves, forKey: .waves)
  }
}
