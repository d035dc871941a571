/// The `compare` JSON shape of cli.md, keys in snake_case, missing figures as `null`;
/// a scale carries `reliability_reason` after the cli.md fields. ``CohortComparison/notices``
/// are messages for stderr and are not encoded.
extension CohortComparison: Encodable {
  private enum CodingKeys: String, CodingKey {
    case instrument, from, to
    case minGroup = "min_group"
    case groups, suppressed
  }

  private enum SuppressedKeys: String, CodingKey {
    case group
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(instrument, forKey: .instrument)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(minGroup, forKey: .minGroup)
    try container.encode(groups, forKey: .groups)
    var list = container.nestedUnkeyedContainer(forKey: .suppressed)
    for group in suppressed {
      var entry = list.nestedContainer(keyedBy: SuppressedKeys.self)
      try entry.encode(group, forKey: .group)
    }
  }
}

extension CohortComparison.Group: Encodable {
  private enum CodingKeys: String, CodingKey {
    case group, n, excluded, scales
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(group, forKey: .group)
    try container.encode(n, forKey: .n)
    try container.encode(excluded, forKey: .excluded)
    try container.encode(scales, forKey: .scales)
  }
}

extension CohortComparison.ScaleChange: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scale, n
    case meanFrom = "mean_from"
    case sdFrom = "sd_from"
    case meanTo = "mean_to"
    case sdTo = "sd_to"
    case meanChange = "mean_change"
    case sdChange = "sd_change"
    case ciLow = "ci_low"
    case ciHigh = "ci_high"
    case t, df, p
    case dZ = "d_z"
    case dAv = "d_av"
    case gAv = "g_av"
    case wilcoxonW = "wilcoxon_w"
    case wilcoxonP = "wilcoxon_p"
    case reliability
    case reliabilitySource = "reliability_source"
    case sem, improved, unchanged, declined
    case reliabilityReason = "reliability_reason"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scale, forKey: .scale)
    try container.encode(n, forKey: .n)
    try container.encode(meanFrom, forKey: .meanFrom)
    try container.encode(sdFrom, forKey: .sdFrom)
    try container.encode(meanTo, forKey: .meanTo)
    try container.encode(sdTo, forKey: .sdTo)
    try container.encode(meanChange, forKey: .meanChange)
    try container.encode(sdChange, forKey: .sdChange)
    try container.encode(ciLow, forKey: .ciLow)
    try container.encode(ciHigh, forKey: .ciHigh)
    try container.encode(t, forKey: .t)
    try container.encode(df, forKey: .df)
    try container.encode(p, forKey: .p)
    try container.encode(dZ, forKey: .dZ)
    try container.encode(dAv, forKey: .dAv)
    try container.encode(gAv, forKey: .gAv)
    try container.encode(wilcoxonW, forKey: .wilcoxonW)
    try container.encode(wilcoxonP, forKey: .wilcoxonP)
    try container.encode(reliability, forKey: .reliability)
    try container.encode(reliabilitySource, forKey: .reliabilitySource)
    try container.encode(sem, forKey: .sem)
    try container.encode(improved, forKey: .improved)
    try container.encode(unchanged, forKey: .unchanged)
    try container.encode(declined, forKey: .declined)
    try container.encode(reliabilityReason, forKey: .reliabilityReason)
  }
}
