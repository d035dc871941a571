/// `reflect dyads --format json`: `{instrument, from, to, pairs: [{mentor, mentee, scales:
/// [{scale, mentor: {score_from, score_to, change, rci, classification, reason}, mentee:
/// {…}}]}], summary: [{scale, pairs, both_improved, only_mentee, only_mentor, neither,
/// unknown}], reliability: [{scale, wave, reliability, reliability_source, sd, sem, n,
/// reason}]}`, missing figures as `null`.
extension DyadComparison: Encodable {
  private enum CodingKeys: String, CodingKey {
    case instrument, from, to, pairs, summary, reliability
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(instrument, forKey: .instrument)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(dyads, forKey: .pairs)
    try container.encode(summary, forKey: .summary)
    try container.encode(reliability, forKey: .reliability)
  }
}

extension DyadComparison.Dyad: Encodable {
  private enum CodingKeys: String, CodingKey {
    case mentor, mentee, scales
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(mentor, forKey: .mentor)
    try container.encode(mentee, forKey: .mentee)
    try container.encode(scales, forKey: .scales)
  }
}

extension DyadComparison.ScaleChange: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scale, mentor, mentee
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scale, forKey: .scale)
    try container.encode(mentor, forKey: .mentor)
    try container.encode(mentee, forKey: .mentee)
  }
}

extension DyadComparison.PersonChange: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scoreFrom = "score_from"
    case scoreTo = "score_to"
    case change, rci, classification, reason
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scoreFrom, forKey: .scoreFrom)
    try container.encode(scoreTo, forKey: .scoreTo)
    try container.encode(change, forKey: .change)
    try container.encode(rci, forKey: .rci)
    try container.encode(classification, forKey: .classification)
    try container.encode(reason, forKey: .reason)
  }
}

extension DyadComparison.Summary: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scale, pairs
    case bothImproved = "both_improved"
    case onlyMentee = "only_mentee"
    case onlyMentor = "only_mentor"
    case neither, unknown
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scale, forKey: .scale)
    try container.encode(pairs, forKey: .pairs)
    try container.encode(bothImproved, forKey: .bothImproved)
    try container.encode(onlyMentee, forKey: .onlyMentee)
    try container.encode(onlyMentor, forKey: .onlyMentor)
    try container.encode(neither, forKey: .neither)
    try container.encode(unknown, forKey: .unknown)
  }
}
