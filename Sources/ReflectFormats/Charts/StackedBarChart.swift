import ReflectCore

/// How many people improved, did not change reliably, or declined, as one stacked bar per
/// group, each segment labelled with its count and symbol where it is wide enough.
struct StackedBarChart: Sendable {
  /// One group's counts; `nil` counts when change could not be judged.
  struct Row: Sendable, Hashable {
    var label: String
    var improved: Int?
    var unchanged: Int?
    var declined: Int?
  }

  var id: String
  var title: String
  var description: String
  var rows: [Row]

  static let width = 640.0
  private static let rowHeight = 30.0
  private static let top = 26.0
  private static let labelWidth = 150.0
  private static let right = 70.0

  var height: Double { Self.top + Double(rows.count) * Self.rowHeight + 8 }

  var rendered: String {
    var svg = SVGWriter(
      width: Self.width, height: height, id: id, title: title, description: description)
    let barLeft = Self.labelWidth
    let barWidth = Self.width - Self.labelWidth - Self.right
    // A legend first: the symbol and word of each class, so colour is never needed.
    var legendX = barLeft
    for classification in [ChangeClassification.improved, .unchanged, .declined] {
      ChartMarker.draw(classification, x: legendX + 6, y: 12, r: 5, into: &svg)
      let word = ChartMarker.word(classification)
      svg.text(word, x: legendX + 16, y: 16, className: "tick")
      legendX += 30 + Double(word.count) * 6.5
    }
    for (index, row) in rows.enumerated() {
      let y = Self.top + Double(index) * Self.rowHeight
      svg.text(row.label, x: barLeft - 8, y: y + 17, anchor: "end", className: "label")
      guard let improved = row.improved, let unchanged = row.unchanged,
        let declined = row.declined
      else {
        svg.text("cannot be judged", x: barLeft, y: y + 17, className: "note")
        continue
      }
      let total = improved + unchanged + declined
      guard total > 0 else {
        svg.text("no one with both waves", x: barLeft, y: y + 17, className: "note")
        continue
      }
      var left = barLeft
      let segments: [(ChangeClassification, Int)] = [
        (.improved, improved), (.unchanged, unchanged), (.declined, declined),
      ]
      for (classification, count) in segments where count > 0 {
        let width = barWidth * Double(count) / Double(total)
        svg.rect(
          x: left, y: y + 2, width: width, height: Self.rowHeight - 8,
          className: "segment \(ChartMarker.className(classification))")
        let label = "\(ChartMarker.symbol(classification)) \(count)"
        if width >= Double(label.count) * 7 + 6 {
          svg.text(
            label, x: left + width / 2, y: y + 18, anchor: "middle", className: "segment-label")
        }
        left += width
      }
      svg.text("n = \(total)", x: barLeft + barWidth + 8, y: y + 17, className: "tick")
    }
    return svg.rendered
  }
}
