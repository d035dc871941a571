import ReflectCore

/// The distribution of individual change on one score as a dot plot: one marker per
/// person (by reliable-change class), stacked where changes are close, with the zone
/// within measurement noise shaded between the reliable-change thresholds, and the mean
/// change with its 95% interval.
struct StripChart: Sendable {
  var id: String
  var title: String
  var description: String
  /// The changes, any order; each with its class.
  var changes: [Double]
  var classifications: [ChangeClassification]
  /// 1.96 S_diff; `nil` when unknown (then no zone is drawn).
  var threshold: Double?
  var mean: Double?
  var ciLow: Double?
  var ciHigh: Double?

  static let width = 640.0
  static let height = 200.0
  private static let left = 20.0
  private static let right = 20.0
  private static let top = 30.0
  private static let bottom = 34.0
  private static let bins = 80

  /// How many people one mark stands for, so that the tallest stack fits in `room`
  /// marks.
  func perMark(counts: [[ChangeClassification: Int]], room: Int) -> Int {
    var perMark = 1
    while perMark < max(changes.count, 1) {
      let tallest =
        counts.map { tally in
          tally.values.reduce(0) { $0 + ($1 + perMark - 1) / perMark }
        }.max() ?? 0
      if tallest <= room { break }
      perMark += 1
    }
    return perMark
  }

  /// The classes in stacking order: on the side of a decline, declines nearest the axis.
  static func order(for bin: Int, of bins: Int) -> [ChangeClassification] {
    bin < bins / 2
      ? [.declined, .improved, .unchanged, .unknown] : [.improved, .declined, .unchanged, .unknown]
  }

  var rendered: String {
    var svg = SVGWriter(
      width: Self.width, height: Self.height, id: id, title: title, description: description)
    let plotRight = Self.width - Self.right
    let baseline = Self.height - Self.bottom
    var reach = changes.reduce(0) { max($0, abs($1)) }
    if let threshold { reach = max(reach, threshold * 1.25) }
    reach = max(reach, 0.5) * 1.05
    let x = LinearScale(domain: (-reach, reach), range: (Self.left, plotRight))

    if let threshold {
      svg.rect(
        x: x(-threshold), y: Self.top - 6, width: x(threshold) - x(-threshold),
        height: baseline - Self.top + 6, className: "noise-zone")
      for edge in [-threshold, threshold] {
        svg.line(
          x1: x(edge), y1: Self.top - 6, x2: x(edge), y2: baseline, className: "threshold")
      }
      svg.text(
        "within measurement noise (±\(SVGNumber.fixed(threshold)))", x: x(0), y: Self.top - 12,
        anchor: "middle", className: "note")
    }

    svg.openGroup("axis")
    let decimals = x.tickDecimals(count: 8)
    for tick in x.ticks(count: 8) {
      svg.line(x1: x(tick), y1: baseline, x2: x(tick), y2: baseline + 4, className: "baseline")
      svg.text(
        tick > 0
          ? "+" + SVGNumber.fixed(tick, decimals: decimals)
          : SVGNumber.fixed(tick, decimals: decimals),
        x: x(tick), y: baseline + 17, anchor: "middle", className: "tick")
    }
    svg.line(x1: Self.left, y1: baseline, x2: plotRight, y2: baseline, className: "baseline")
    svg.line(x1: x(0), y1: Self.top, x2: x(0), y2: baseline, className: "zero")
    svg.text(
      "change in score", x: plotRight, y: baseline + 30, anchor: "end", className: "tick")
    svg.closeGroup()

    // Stack the marks bin by bin, lowest change first. When the tallest stack would not
    // fit at a readable size, each mark stands for `perMark` people (rounded up per class
    // and bin), and the caption says so.
    let binWidth = (2 * reach) / Double(Self.bins)
    var counts = [[ChangeClassification: Int]](repeating: [:], count: Self.bins)
    for (change, classification) in zip(changes, classifications) {
      let bin = min(max(Int((change + reach) / binWidth), 0), Self.bins - 1)
      counts[bin][classification, default: 0] += 1
    }
    let columnWidth = (plotRight - Self.left) / Double(Self.bins)
    let r = min(columnWidth / 2 - 0.5, 4)
    let room = max(Int((baseline - Self.top - 14) / (2 * r)), 1)
    let perMark = perMark(counts: counts, room: room)
    svg.openGroup("dots")
    for (bin, tally) in counts.enumerated() {
      var level = 0
      let cx = Self.left + columnWidth * (Double(bin) + 0.5)
      for classification in Self.order(for: bin, of: Self.bins) {
        let marks = ((tally[classification] ?? 0) + perMark - 1) / perMark
        for _ in 0..<marks {
          let cy = baseline - r - 2 - Double(level) * 2 * r
          ChartMarker.draw(classification, x: cx, y: cy, r: r, into: &svg)
          level += 1
        }
      }
    }
    svg.closeGroup()
    if perMark > 1 {
      svg.text(
        "each mark stands for up to \(perMark) people", x: Self.left, y: Self.top - 12,
        className: "note")
    }

    if let mean {
      svg.openGroup("mean")
      let y = Self.top + 2
      if let ciLow, let ciHigh {
        svg.line(x1: x(ciLow), y1: y, x2: x(ciHigh), y2: y, className: "interval")
      }
      svg.line(x1: x(mean), y1: y - 5, x2: x(mean), y2: baseline, className: "mean-line")
      svg.text(
        "mean " + SVGNumber.signed(mean), x: x(mean) + 4, y: y + 12, className: "value")
      svg.closeGroup()
    }
    return svg.rendered
  }
}
