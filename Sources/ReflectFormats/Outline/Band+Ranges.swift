import ReflectCore

extension [Band] {
  /// The bands as ranges, as outlines and codebooks show them:
  /// `low below 2.5; medium 2.5 to below 3.5; high from 3.5`.
  var rangesText: String {
    var parts: [String] = []
    var lower: Double?
    for band in self {
      switch (lower, band.below) {
      case (nil, let high?): parts.append("\(band.label) below \(formatNumber(high))")
      case (let low?, let high?):
        parts.append("\(band.label) \(formatNumber(low)) to below \(formatNumber(high))")
      case (let low?, nil): parts.append("\(band.label) from \(formatNumber(low))")
      case (nil, nil): parts.append(band.label)
      }
      lower = band.below
    }
    return parts.joined(separator: "; ")
  }
}
