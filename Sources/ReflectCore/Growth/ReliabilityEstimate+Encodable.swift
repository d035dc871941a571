/// `{scale, wave, reliability, reliability_source, sd, sem, n, reason}`, missing figures as
/// `null`: how `dyads` (and any report that lists them) shows the estimates.
extension ReliabilityEstimate: Encodable {
  private enum CodingKeys: String, CodingKey {
    case scale, wave, reliability
    case reliabilitySource = "reliability_source"
    case sd, sem, n, reason
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scale, forKey: .scale)
    try container.encode(wave, forKey: .wave)
    try container.encode(reliability, forKey: .reliability)
    try container.encode(source, forKey: .reliabilitySource)
    try container.encode(sd, forKey: .sd)
    try container.encode(sem, forKey: .sem)
    try container.encode(n, forKey: .n)
    try container.encode(reason, forKey: .reason)
  }
}
