import ReflectCore

/// A cohort's change from one wave to another as a self-contained HTML page
/// (`reflect compare --format html`), for a steering group: a summary per scale, then per
/// scale the mean at each wave with its 95% interval, the distribution of individual
/// change with the reliable-change threshold, the improved / unchanged / declined counts
/// per group, and the table of statistics with a plain-language reading.
///
/// Suppressed groups are named, never drawn; free-text reflections never appear.
public struct CohortReport: Sendable {
  /// The comparison, as ``GrowthData/compare(from:to:groups:minGroup:)`` makes it.
  public var comparison: CohortComparison
  /// The whole cohort's individual changes; drawn only when the whole cohort is reported.
  public var distribution: ChangeDistribution?
  /// The instrument compared on: titles, score ranges and bands.
  public var instrument: Instrument
  /// The roster attribute of the breakdown (`--by`), for headings; `nil` without one.
  public var attribute: String?

  /// A report of `comparison`, a comparison on `instrument`.
  public init(
    comparison: CohortComparison, distribution: ChangeDistribution?, instrument: Instrument,
    attribute: String? = nil
  ) {
    self.comparison = comparison
    self.distribution = distribution
    self.instrument = instrument
    self.attribute = attribute
  }

  /// The whole HTML document.
  public var html: String {
    let scales = ReportScale.all(of: instrument)
    let everyone = comparison.groups.first { $0.group == CohortComparison.allGroup }
    var body = "<header>\n<h1>Cohort report: \(Markup.text(instrument.title.defaultText))</h1>\n"
    body += "<p class=\"meta\">\(Markup.text(comparison.from)) → \(Markup.text(comparison.to))"
    body += " · \(Markup.text(instrument.id)) version \(Markup.text(instrument.version))"
    if let everyone {
      body += " · \(everyone.n) people with both waves"
      if everyone.excluded > 0 { body += ", \(everyone.excluded) with only one (left out)" }
    }
    if let attribute { body += " · by \(Markup.text(attribute))" }
    body += " · groups of fewer than \(comparison.minGroup) people are not shown.</p>\n"
    for notice in comparison.notices { body += "<p class=\"note\">\(Markup.text(notice))</p>\n" }
    body += "</header>\n"
    guard let everyone else {
      body +=
        "<p class=\"summary\">Fewer than \(comparison.minGroup) people have both waves, so nothing"
        + " is shown, to protect individuals.</p>\n"
      return HTMLPage.document(title: title, body: body)
    }
    body += "<div class=\"summary\">\n"
    for change in everyone.scales {
      body += "<p>\(Markup.text(summaryLine(change, scales: scales)))</p>\n"
    }
    body += "</div>\n"
    for (index, change) in everyone.scales.enumerated() {
      body += section(index: index, change: change, scales: scales)
    }
    body += statistics(scales)
    return HTMLPage.document(title: title, body: body)
  }

  private var title: String {
    "Cohort report: \(instrument.title.defaultText), \(comparison.from) to \(comparison.to)"
  }

  /// "Seeking feedback: the mean rose by 0.45 (95% interval +0.30 to +0.60); 18 improved,
  /// 20 no reliable change, 2 declined."
  func summaryLine(_ change: CohortComparison.ScaleChange, scales: [ReportScale]) -> String {
    var line = title(of: change.scale, scales) + ": "
    if let mean = change.meanChange, let low = change.ciLow, let high = change.ciHigh {
      let direction = mean > 0 ? "rose" : mean < 0 ? "fell" : "did not move"
      line +=
        "the mean \(direction) by \(SVGNumber.fixed(abs(mean))) (95% interval "
        + "\(SVGNumber.signed(low)) to \(SVGNumber.signed(high)))"
    } else {
      line += "too few people or no variation to estimate a change"
    }
    if let improved = change.improved, let unchanged = change.unchanged,
      let declined = change.declined
    {
      line += "; \(improved) improved, \(unchanged) no reliable change, \(declined) declined"
    }
    return line + "."
  }

  private func section(
    index: Int, change: CohortComparison.ScaleChange, scales: [ReportScale]
  ) -> String {
    let scale = scales.first { $0.id == change.scale }
    let name = title(of: change.scale, scales)
    let domain: (lower: Double, upper: Double) = scale?.domain ?? (lower: 0, upper: 1)
    var html = "<section class=\"scale\">\n<h2>\(Markup.text(name))</h2>\n"
    html += "<p>\(Markup.text(GrowthReport.readingOf(change, instrument: instrument)))</p>\n"
    html += "<div class=\"panels\">\n"

    // The mean at each wave with its 95% interval.
    let waves = [
      (comparison.from, change.meanFrom, change.sdFrom),
      (comparison.to, change.meanTo, change.sdTo),
    ]
    var points: [WaveChart.Point] = []
    var rows = ""
    var spoken: [String] = []
    for (wave, mean, sd) in waves {
      let interval = Self.interval(mean: mean, sd: sd, n: change.n)
      points.append(WaveChart.Point(value: mean, low: interval?.low, high: interval?.high))
      let meanText = mean.map { SVGNumber.fixed($0) } ?? "–"
      let intervalText = interval.map {
        SVGNumber.fixed($0.low) + " to " + SVGNumber.fixed($0.high)
      }
      rows += "<tr><td>\(Markup.text(wave))</td><td class=\"num\">\(meanText)</td>"
      rows += "<td class=\"num\">\(intervalText ?? "–")</td>"
      rows += "<td class=\"num\">\(Self.fixed(sd))</td><td class=\"num\">\(change.n)</td></tr>\n"
      spoken.append("\(wave) \(meanText)" + (intervalText.map { " (95% interval \($0))" } ?? ""))
    }
    var meanDescription = "Mean of \(change.n) people, on a scale from "
    meanDescription += "\(SVGNumber.format(domain.lower)) to \(SVGNumber.format(domain.upper)): "
    meanDescription += spoken.joined(separator: "; ") + "."
    let meanChart = WaveChart(
      id: "mean-\(index + 1)", title: "\(name): mean at each wave", description: meanDescription,
      waves: [comparison.from, comparison.to], points: points, domain: domain,
      bands: WaveChart.ranges(of: scale?.bands ?? [], domain: domain))
    html += "<figure>\n<figcaption>Mean at each wave, with its 95% interval</figcaption>\n"
    html += meanChart.rendered + "\n"
    html += "<table>\n<caption>Mean at each wave</caption>\n<thead><tr><th>wave</th>"
    html += "<th class=\"num\">mean</th><th class=\"num\">95% interval</th>"
    html += "<th class=\"num\">SD</th><th class=\"num\">n</th></tr></thead>\n<tbody>\n"
    html += rows + "</tbody>\n</table>\n</figure>\n"
    // The distribution of individual change: its numbers beside the mean, its chart
    // across the page.
    var stripFigure = ""
    if let spread = distribution?.scales.first(where: { $0.scale == change.scale }) {
      let counts = Dictionary(grouping: spread.classifications, by: { $0 }).mapValues(\.count)
      let threshold = spread.threshold.map { "±" + SVGNumber.fixed($0) }
      var spreadDescription = "The change of each of \(spread.changes.count) people, from "
      spreadDescription += Self.signed(spread.changes.first) + " to "
      spreadDescription += Self.signed(spread.changes.last)
      if let threshold {
        spreadDescription += "; a change beyond \(threshold) is larger than measurement noise"
      }
      spreadDescription += "; " + Self.countsText(counts) + "."
      let strip = StripChart(
        id: "spread-\(index + 1)", title: "\(name): individual change",
        description: spreadDescription,
        changes: spread.changes, classifications: spread.classifications,
        threshold: spread.threshold, mean: change.meanChange, ciLow: change.ciLow,
        ciHigh: change.ciHigh)
      stripFigure += "<figure>\n<figcaption>Individual change: "
      stripFigure += "▲ improved, ● no reliable change, ▼ declined</figcaption>\n"
      stripFigure += strip.rendered + "\n</figure>\n"
      html += "<div>\n<table>\n<caption>Individual change</caption>\n<tbody>\n"
      html += "<tr><th>people</th><td class=\"num\">\(spread.changes.count)</td></tr>\n"
      html += "<tr><th>reliable-change threshold</th>"
      html += "<td class=\"num\">\(threshold ?? "unknown")</td></tr>\n"
      html += "<tr><th>smallest, median, largest change</th>"
      html += "<td class=\"num\">\(Self.smallestMedianLargest(spread.changes))</td></tr>\n"
      for kind in [ChangeClassification.improved, .unchanged, .declined, .unknown] {
        guard let count = counts[kind] else { continue }
        html += "<tr><th>\(ChartMarker.symbol(kind)) \(ChartMarker.word(kind))</th>"
        html += "<td class=\"num\">\(count)</td></tr>\n"
      }
      html += "</tbody>\n</table>\n</div>\n"
    }
    html += "</div>\n" + stripFigure
    html += breakdown(index: index, scale: change.scale, name: name)
    return html + "</section>\n"
  }

  /// The improved / unchanged / declined bar of every reported group, and the
  /// suppressed groups by name.
  private func breakdown(index: Int, scale: String, name: String) -> String {
    var chartRows: [StackedBarChart.Row] = []
    var rows = ""
    var spoken: [String] = []
    for group in comparison.groups {
      guard let change = group.scales.first(where: { $0.scale == scale }) else { continue }
      let label = Self.label(group.group)
      chartRows.append(
        StackedBarChart.Row(
          label: label, improved: change.improved, unchanged: change.unchanged,
          declined: change.declined))
      let counts = [change.improved, change.unchanged, change.declined].map {
        $0.map(String.init) ?? "–"
      }
      rows += "<tr><td>\(Markup.text(label))</td><td class=\"num\">\(change.n)</td>"
      for count in counts { rows += "<td class=\"num\">\(count)</td>" }
      rows += "<td class=\"num\">\(Self.signed(change.meanChange))</td>"
      rows += "<td class=\"num\">\(Self.intervalText(change.ciLow, change.ciHigh))</td></tr>\n"
      spoken.append(
        "\(label): \(counts[0]) improved, \(counts[1]) no reliable change, \(counts[2]) declined")
    }
    for group in comparison.suppressed {
      rows +=
        "<tr class=\"suppressed\"><td>\(Markup.text(Self.label(group)))</td>"
        + "<td colspan=\"6\">\(Markup.text(suppressedText))</td></tr>\n"
    }
    var barDescription = spoken.joined(separator: "; ") + "."
    if !comparison.suppressed.isEmpty {
      let names = comparison.suppressed.map(Self.label).joined(separator: ", ")
      barDescription += " Not shown: " + names + "."
    }
    let chart = StackedBarChart(
      id: "classes-\(index + 1)", title: "\(name): who changed reliably",
      description: barDescription, rows: chartRows)
    var html = "<figure>\n<figcaption>Who changed reliably"
    html += attribute.map { ", by " + Markup.text($0) } ?? ""
    html += "</figcaption>\n" + chart.rendered + "\n"
    html += "<table>\n<caption>Reliable change by group</caption>\n<thead><tr><th>group</th>"
    html += "<th class=\"num\">n</th><th class=\"num\">improved</th>"
    html += "<th class=\"num\">no reliable change</th><th class=\"num\">declined</th>"
    html += "<th class=\"num\">mean change</th><th class=\"num\">95% interval</th></tr></thead>\n"
    html += "<tbody>\n" + rows + "</tbody>\n</table>\n</figure>\n"
    return html
  }

  private var suppressedText: String { GrowthReport.suppressedNote(minGroup: comparison.minGroup) }

  private func statistics(_ scales: [ReportScale]) -> String {
    var html = "<h2>Statistics</h2>\n"
    html +=
      "<p class=\"note\">Paired over the people with a score at both waves: the mean change with"
      + " its 95% interval, Student's t, Cohen's d (d_z on the differences, d_av on the average"
      + " SD), Hedges' g_av, the Wilcoxon signed-rank test, and the reliability behind the"
      + " reliable change index.</p>\n"
    for group in comparison.groups {
      html +=
        "<table class=\"statistics\">\n<caption>\(Markup.text(Self.label(group.group))): \(group.n) people"
      html += group.excluded > 0 ? ", \(group.excluded) with only one wave left out" : ""
      html += "</caption>\n<thead><tr><th>scale</th><th class=\"num\">n</th>"
      html += "<th class=\"num\">\(Markup.text(comparison.from))</th>"
      html += "<th class=\"num\">\(Markup.text(comparison.to))</th>"
      html += "<th class=\"num\">change [95%]</th><th class=\"num\">t (df)</th>"
      html += "<th class=\"num\">p</th><th class=\"num\">d_z</th><th class=\"num\">d_av</th>"
      html += "<th class=\"num\">g_av</th><th class=\"num\">Wilcoxon W, p</th>"
      html += "<th class=\"num\">reliability</th></tr></thead>\n<tbody>\n"
      for change in group.scales {
        var reliability = "–"
        if let value = change.reliability {
          reliability = SVGNumber.fixed(value) + " (" + change.reliabilitySource.rawValue + ")"
        }
        let cells: [String] = [
          Markup.text(title(of: change.scale, scales)),
          "\(change.n)",
          Self.meanSD(change.meanFrom, change.sdFrom),
          Self.meanSD(change.meanTo, change.sdTo),
          Self.signed(change.meanChange) + " " + Self.intervalText(change.ciLow, change.ciHigh),
          Self.fixed(change.t) + " (" + (change.df.map(String.init) ?? "–") + ")",
          change.p.map(Self.p) ?? "–",
          Self.fixed(change.dZ),
          Self.fixed(change.dAv),
          Self.fixed(change.gAv),
          (change.wilcoxonW.map { SVGNumber.format($0, decimals: 1) } ?? "–") + ", "
            + (change.wilcoxonP.map(Self.p) ?? "–"),
          Markup.text(reliability),
        ]
        html += "<tr><td>" + cells[0] + "</td>"
        for cell in cells.dropFirst() { html += "<td class=\"num\">" + cell + "</td>" }
        html += "</tr>\n"
        // The reading on a row of its own, so the figures stay on one line each.
        let reading = GrowthReport.readingOf(change, instrument: instrument)
        html += "<tr class=\"reading\"><td colspan=\"12\">\(Markup.text(reading))</td></tr>\n"
      }
      html += "</tbody>\n</table>\n"
    }
    if !comparison.suppressed.isEmpty {
      html +=
        "<p class=\"suppressed\">Not shown: "
        + comparison.suppressed.map { Markup.text(Self.label($0)) }.joined(separator: ", ")
        + " (\(Markup.text(suppressedText))).</p>\n"
    }
    return html
  }

  private func title(of id: String, _ scales: [ReportScale]) -> String {
    scales.first { $0.id == id }?.title.defaultText ?? id
  }

  /// "Everyone" for the whole cohort, else the group's name.
  static func label(_ group: String) -> String {
    group == CohortComparison.allGroup ? "Everyone" : group
  }

  /// The 95% interval of a wave's mean: mean ± t₀.₉₇₅,n−1 · sd/√n.
  static func interval(mean: Double?, sd: Double?, n: Int) -> (low: Double, high: Double)? {
    guard let mean, let sd, n >= 2 else { return nil }
    let half = StudentT.quantile(0.975, df: Double(n - 1)) * sd / Double(n).squareRoot()
    guard half.isFinite else { return nil }
    return (mean - half, mean + half)
  }

  static func intervalText(_ low: Double?, _ high: Double?) -> String {
    guard let low, let high else { return "–" }
    return "[" + SVGNumber.signed(low) + ", " + SVGNumber.signed(high) + "]"
  }

  static func countsText(_ counts: [ChangeClassification: Int]) -> String {
    [ChangeClassification.improved, .unchanged, .declined, .unknown].compactMap { kind in
      counts[kind].map { "\($0) \(ChartMarker.word(kind))" }
    }.joined(separator: ", ")
  }

  /// Smallest, median and largest of sorted `values`.
  static func smallestMedianLargest(_ values: [Double]) -> String {
    guard let first = values.first, let last = values.last else { return "–" }
    let middle = values.count / 2
    let median =
      values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    return [first, median, last].map { SVGNumber.signed($0) }.joined(separator: ", ")
  }

  private static func meanSD(_ mean: Double?, _ sd: Double?) -> String {
    (mean.map { SVGNumber.fixed($0) } ?? "–") + " (" + (sd.map { SVGNumber.fixed($0) } ?? "–") + ")"
  }

  private static func fixed(_ value: Double?) -> String {
    value.map { SVGNumber.fixed($0) } ?? "–"
  }

  private static func signed(_ value: Double?) -> String {
    value.map { SVGNumber.signed($0) } ?? "–"
  }

  private static func p(_ value: Double) -> String {
    value < 0.001 ? "<0.001" : SVGNumber.fixed(value, decimals: 3)
  }
}
