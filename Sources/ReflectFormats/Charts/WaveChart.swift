import ReflectCore

/// A score across waves: one point per wave joined by lines, the score's bands shaded
/// behind, an optional interval around each point and a reliable-change marker at the
/// waves that have one. The profile draws one per scale; the cohort report draws the
/// mean at each wave with its 95% interval.
struct WaveChart: Sendable {
  /// One wave's value; `nil` where the wave has no score.
  struct Point: Sendable, Hashable {
    var value: Double?
    var low: Double? = nil
    var high: Double? = nil
    /// The class of the change into this wave, marked by shape; `nil` for a plain point.
    var marker: ChangeClassification? = nil
  }

  /// A band as a range of the score.
  struct BandRange: Sendable, Hashable {
    var lower: Double
    var upper: Double
    var label: String
  }

  var id: String
  var title: String
  var description: String
  var waves: [String]
  var points: [Point]
  /// The score's whole range, lowest to highest possible.
  var domain: (lower: Double, upper: Double)
  var bands: [BandRange] = []

  static let width = 340.0
  static let height = 210.0
  private static let left = 36.0
  private static let right = 84.0
  private static let top = 16.0
  private static let bottom = 30.0

  /// The bands of a score as ranges within `domain`, empty ones left out.
  static func ranges(of bands: [Band], domain: (lower: Double, upper: Double)) -> [BandRange] {
    var lower = domain.lower
    var result: [BandRange] = []
    for band in bands {
      let upper = min(band.below ?? domain.upper, domain.upper)
      if upper > lower {
        result.append(BandRange(lower: lower, upper: upper, label: band.label))
      }
      lower = max(lower, upper)
    }
    return result
  }

  var rendered: String {
    var svg = SVGWriter(
      width: Self.width, height: Self.height, id: id, title: title, description: description)
    let plotRight = Self.width - Self.right
    let plotBottom = Self.height - Self.bottom
    let y = LinearScale(domain: domain, range: (plotBottom, Self.top))
    let count = max(waves.count, 1)
    let step = (plotRight - Self.left) / Double(count)
    func x(_ index: Int) -> Double { Self.left + step * (Double(index) + 0.5) }

    svg.openGroup("bands")
    for (index, band) in bands.enumerated() {
      let top = y(band.upper)
      let bottom = y(band.lower)
      svg.rect(
        x: Self.left, y: top, width: plotRight - Self.left, height: bottom - top,
        className: "band band-\(index % 4)")
      svg.text(
        band.label, x: plotRight + 4, y: (top + bottom) / 2 + 4, className: "band-label")
    }
    svg.closeGroup()

    svg.openGroup("axis")
    let decimals = y.tickDecimals(count: 4)
    for tick in y.ticks(count: 4) {
      svg.line(
        x1: Self.left, y1: y(tick), x2: plotRight, y2: y(tick), className: "grid")
      svg.text(
        SVGNumber.fixed(tick, decimals: decimals), x: Self.left - 5, y: y(tick) + 4,
        anchor: "end", className: "tick")
    }
    svg.line(
      x1: Self.left, y1: plotBottom, x2: plotRight, y2: plotBottom, className: "baseline")
    for (index, wave) in waves.enumerated() {
      svg.text(wave, x: x(index), y: plotBottom + 18, anchor: "middle", className: "tick")
    }
    svg.closeGroup()

    svg.openGroup("series")
    var segment: [(x: Double, y: Double)] = []
    for (index, point) in points.enumerated() {
      guard let value = point.value else {
        if segment.count > 1 { svg.polyline(segment, className: "trace") }
        segment = []
        continue
      }
      segment.append((x(index), y.clamped(value)))
    }
    if segment.count > 1 { svg.polyline(segment, className: "trace") }
    for (index, point) in points.enumerated() {
      if let low = point.low, let high = point.high {
        let px = x(index)
        svg.line(
          x1: px, y1: y.clamped(low), x2: px, y2: y.clamped(high), className: "interval")
        for end in [low, high] {
          svg.line(
            x1: px - 5, y1: y.clamped(end), x2: px + 5, y2: y.clamped(end),
            className: "interval")
        }
      }
    }
    for (index, point) in points.enumerated() {
      guard let value = point.value else { continue }
      let px = x(index)
      let py = y.clamped(value)
      if let marker = point.marker {
        ChartMarker.draw(marker, x: px, y: py, r: 6, into: &svg)
      } else {
        svg.circle(cx: px, cy: py, r: 4.5, className: "marker plain")
      }
      // The number beside the point, clear of the marker and the interval's cap.
      svg.text(
        SVGNumber.fixed(value), x: px + 9, y: py - 7, className: "value")
    }
    svg.closeGroup()
    return svg.rendered
  }
}
