import ReflectCore

/// How a reliable-change class is marked in charts: a shape and a class (for its
/// colour), so that the class never rests on colour alone, and a word for legends.
enum ChartMarker {
  /// The CSS class of `classification`: `improved`, `unchanged`, `declined`, `unknown`.
  static func className(_ classification: ChangeClassification) -> String {
    classification.rawValue
  }

  /// The word a reader sees for `classification`.
  static func word(_ classification: ChangeClassification) -> String {
    switch classification {
    case .improved: "improved"
    case .unchanged: "no reliable change"
    case .declined: "declined"
    case .unknown: "cannot be judged"
    }
  }

  /// The symbol that stands for `classification` in text beside a chart.
  static func symbol(_ classification: ChangeClassification) -> String {
    switch classification {
    case .improved: "▲"
    case .unchanged: "●"
    case .declined: "▼"
    case .unknown: "◇"
    }
  }

  /// Draws the marker of `classification` centred at (`x`, `y`) with radius `r`:
  /// a triangle up (improved), a triangle down (declined), a disc (unchanged), a hollow
  /// diamond (cannot be judged).
  static func draw(
    _ classification: ChangeClassification, x: Double, y: Double, r: Double,
    into svg: inout SVGWriter
  ) {
    let className = "marker " + self.className(classification)
    switch classification {
    case .improved:
      svg.polygon(
        [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)],
        className: className)
    case .declined:
      svg.polygon(
        [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)],
        className: className)
    case .unchanged:
      svg.circle(cx: x, cy: y, r: r * 0.9, className: className)
    case .unknown:
      svg.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], className: className)
    }
  }
}
