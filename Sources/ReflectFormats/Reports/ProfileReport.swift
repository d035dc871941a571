import ReflectCore

/// One person's growth as a self-contained HTML page (`reflect profile --format html`):
/// a summary line, a chart per scale across waves with its numbers beside it, the band
/// feedback of the latest wave, the change table, and the reflections they wrote.
///
/// Everything the page shows about the person is escaped; the page fetches nothing.
public struct ProfileReport: Sendable {
  /// Where the person's reflections come from.
  public enum Reflections: Sendable, Hashable {
    /// The answers of each wave's session, keyed by session id (``GrowthProfile/Wave``'s
    /// `session`); only visible, non-empty `reflection` answers are shown.
    case answers([String: [String: AnswerValue]])
    /// Reflections cannot be read from this source; the page says so with `reason`.
    case unavailable(reason: String)
    /// Left out on request (`--no-text`): the page has no reflections section.
    case omitted
  }

  /// The person's growth, as ``GrowthData/profile(of:)`` makes it.
  public var profile: GrowthProfile
  /// The instrument the profile is on: titles, bands, feedback and reflection prompts.
  public var instrument: Instrument
  /// Where the reflections come from, or why there are none.
  public var reflections: Reflections

  /// A report of `profile`, a profile on `instrument`.
  public init(profile: GrowthProfile, instrument: Instrument, reflections: Reflections) {
    self.profile = profile
    self.instrument = instrument
    self.reflections = reflections
  }

  /// The whole HTML document.
  public var html: String {
    let scales = ReportScale.all(of: instrument)
    var body = ""
    body += "<header>\n<h1>Growth profile: \(Markup.text(profile.respondent))</h1>\n"
    body +=
      "<p class=\"meta\">\(Markup.text(instrument.title.defaultText)) (\(Markup.text(instrument.id)), version \(Markup.text(instrument.version))). Waves: "
      + profile.waves.map { wave in
        Markup.text(wave.wave) + (wave.date.map { " (" + Markup.text(Self.day($0)) + ")" } ?? "")
      }.joined(separator: ", ") + ".</p>\n</header>\n"
    body += summary(scales)
    body += charts(scales)
    body += feedback(scales)
    body += changeTable()
    body += reflectionSection()
    return HTMLPage.document(
      title: "Growth profile: \(profile.respondent), \(instrument.title.defaultText)", body: body)
  }

  /// The change from the first wave to the last per score: the headline.
  var overallChanges: [GrowthProfile.Change] {
    guard let first = profile.waves.first?.wave, let last = profile.waves.last?.wave,
      profile.waves.count >= 2
    else { return [] }
    return profile.changes.filter { $0.from == first && $0.to == last }
  }

  /// "Since pre: ▲ improved on A and B; ▼ declined on C." and what did not change, over
  /// the scales; then each composite on a line of its own.
  func summaryLines(_ scales: [ReportScale]) -> [String] {
    let changes = overallChanges
    guard let first = changes.first else {
      return ["One wave so far (\(profile.waves.first?.wave ?? "–")): change shows from the next."]
    }
    let parts = changes.filter { instrument.scale($0.scale) != nil }
    func names(_ classification: ChangeClassification) -> [String] {
      parts.filter { $0.classification == classification }.map { title(of: $0.scale, scales) }
    }
    var moved: [String] = []
    if !names(.improved).isEmpty { moved.append("▲ improved on " + Self.list(names(.improved))) }
    if !names(.declined).isEmpty { moved.append("▼ declined on " + Self.list(names(.declined))) }
    var lines = [
      "Since \(first.from): "
        + (moved.isEmpty
          ? "no change larger than measurement noise" : moved.joined(separator: "; ")) + "."
    ]
    if !moved.isEmpty, !names(.unchanged).isEmpty {
      lines.append("No reliable change on " + Self.list(names(.unchanged)) + ".")
    }
    if !names(.unknown).isEmpty {
      lines.append("Cannot yet be judged: " + Self.list(names(.unknown)) + ".")
    }
    for change in changes where instrument.scale(change.scale) == nil {
      let symbol = ChartMarker.symbol(change.classification)
      lines.append(
        "\(title(of: change.scale, scales)): \(symbol) \(ChartMarker.word(change.classification)).")
    }
    return lines
  }

  private func summary(_ scales: [ReportScale]) -> String {
    "<div class=\"summary\">\n"
      + summaryLines(scales).map { "<p>\(Markup.text($0))</p>\n" }.joined()
      + "</div>\n"
  }

  private func charts(_ scales: [ReportScale]) -> String {
    var html = "<h2>Scores across waves</h2>\n"
    html +=
      "<p class=\"note\">Each point is a score at one wave; the shaded bands are the score's ranges."
      + " The mark at a wave says how the score changed since the wave before: ▲ improved,"
      + " ▼ declined (each larger than measurement noise), ● no reliable change,"
      + " ◇ cannot be judged.</p>\n<div class=\"panels\">\n"
    let waves = profile.waves.map(\.wave)
    for (index, scale) in scales.enumerated() {
      var points: [WaveChart.Point] = []
      var rows = ""
      var spoken: [String] = []
      for (position, wave) in profile.waves.enumerated() {
        let score = wave.scores.first { $0.scale == scale.id }
        let change =
          position > 0
          ? profile.changes.first {
            $0.scale == scale.id && $0.from == waves[position - 1] && $0.to == wave.wave
          } : nil
        points.append(WaveChart.Point(value: score?.score, marker: change?.classification))
        let value = score?.score.map { SVGNumber.fixed($0) } ?? "–"
        let band = score?.band ?? ""
        let reading = change.map { ChartMarker.symbol($0.classification) + " " + Self.word($0) }
        rows += "<tr><td>\(Markup.text(wave.wave))</td><td class=\"num\">\(value)</td>"
        rows += "<td>\(Markup.text(band))</td><td>\(Markup.text(reading ?? ""))</td></tr>\n"
        spoken.append(
          "\(wave.wave) \(value)" + (band.isEmpty ? "" : " (\(band))")
            + (change.map { ", \(Self.word($0)) since \($0.from)" } ?? ""))
      }
      let title = scale.title.defaultText
      var description = "\(title), on a scale from \(SVGNumber.format(scale.domain.lower)) to "
      description += "\(SVGNumber.format(scale.domain.upper)): "
      description += spoken.joined(separator: "; ") + "."
      let chart = WaveChart(
        id: "profile-\(index + 1)", title: "\(title) across waves", description: description,
        waves: waves, points: points, domain: scale.domain,
        bands: WaveChart.ranges(of: scale.bands, domain: scale.domain))
      html += "<figure>\n<figcaption>\(Markup.text(title))</figcaption>\n"
      html += chart.rendered + "\n"
      html +=
        "<table>\n<caption>\(Markup.text(title)): the numbers</caption>\n"
        + "<thead><tr><th>wave</th><th class=\"num\">score</th><th>band</th>"
        + "<th>change since the wave before</th></tr></thead>\n<tbody>\n"
        + rows + "</tbody>\n</table>\n</figure>\n"
    }
    return html + "</div>\n"
  }

  private func feedback(_ scales: [ReportScale]) -> String {
    guard let latest = profile.waves.last else { return "" }
    var html =
      "<h2>Where you stand now (\(Markup.text(latest.wave)))</h2>\n<dl class=\"feedback\">\n"
    for scale in scales {
      let title = Markup.text(scale.title.defaultText)
      guard let score = latest.scores.first(where: { $0.scale == scale.id })?.score else {
        html += "<dt>\(title): no score</dt>\n<dd>Too few of its questions were answered.</dd>\n"
        continue
      }
      let band = scale.band(for: score)
      html +=
        "<dt>\(title): \(SVGNumber.fixed(score)) (from \(SVGNumber.format(scale.domain.lower)) to \(SVGNumber.format(scale.domain.upper)))"
        + (band.map { ", " + Markup.text($0.label) } ?? "") + "</dt>\n"
      if let text = band?.feedback?.defaultText {
        html += "<dd>\(Markup.text(text))</dd>\n"
      }
    }
    return html + "</dl>\n"
  }

  private func changeTable() -> String {
    guard !profile.changes.isEmpty else { return "" }
    var html = "<h2>Change</h2>\n<table>\n<caption>Each change with its reliable change index"
    html += " (RCI; |RCI| of 1.96 or more is larger than measurement noise)</caption>\n"
    html += "<thead><tr><th>scale</th><th>waves</th><th class=\"num\">scores</th>"
    html +=
      "<th class=\"num\">change</th><th class=\"num\">RCI</th><th>reading</th></tr></thead>\n<tbody>\n"
    for change in profile.changes {
      let from = change.scoreFrom.map { SVGNumber.fixed($0) } ?? "–"
      let to = change.scoreTo.map { SVGNumber.fixed($0) } ?? "–"
      let signedChange = change.change.map { SVGNumber.signed($0) } ?? "–"
      let rci = change.rci.map { SVGNumber.signed($0) } ?? "–"
      let words = ChartMarker.symbol(change.classification) + " " + reading(change)
      html += "<tr><td>\(Markup.text(GrowthReport.title(of: change.scale, in: instrument)))</td>"
      html += "<td>\(Markup.text(change.from)) → \(Markup.text(change.to))</td>"
      html += "<td class=\"num\">\(from) → \(to)</td>"
      html += "<td class=\"num\">\(signedChange)</td><td class=\"num\">\(rci)</td>"
      html += "<td class=\"\(ChartMarker.className(change.classification))\">"
      html += Markup.text(words) + "</td></tr>\n"
    }
    html += "</tbody>\n</table>\n"
    let trends = profile.trends.filter { $0.slopePerWave != nil }
    if !trends.isEmpty {
      html += "<p>Trend per wave: "
      html += trends.map { trend in
        Markup.text(GrowthReport.title(of: trend.scale, in: instrument)) + " "
          + (trend.slopePerWave.map { SVGNumber.signed($0) } ?? "–") + " over \(trend.waves) waves"
      }.joined(separator: "; ")
      html += ".</p>\n"
    }
    return html
  }

  private func reading(_ change: GrowthProfile.Change) -> String {
    switch change.classification {
    case .improved: "improved, more than measurement noise"
    case .declined: "declined, more than measurement noise"
    case .unchanged: "within measurement noise"
    case .unknown: "cannot be judged: \(change.reason ?? "no reliability estimate")"
    }
  }

  private func reflectionSection() -> String {
    switch reflections {
    case .omitted:
      return ""
    case .unavailable(let reason):
      return "<h2>Reflections</h2>\n<p class=\"note\">\(Markup.text(reason))</p>\n"
    case .answers(let bySession):
      var html = "<h2>Reflections</h2>\n"
      var any = false
      for wave in profile.waves {
        let answers = bySession[wave.session] ?? [:]
        let visible = SessionEngine(instrument: instrument, answers: answers).visibleAnswers
        var entries = ""
        for question in instrument.questions {
          guard case .reflection = question.kind, case .text(let text) = visible[question.id]
          else { continue }
          guard text.contains(where: { !$0.isWhitespace }) else { continue }
          entries +=
            "<p><strong>\(Markup.text(question.prompt.defaultText))</strong></p>\n"
            + "<blockquote>\(Markup.text(text))</blockquote>\n"
        }
        guard !entries.isEmpty else { continue }
        any = true
        html += "<h3>\(Markup.text(wave.wave))</h3>\n" + entries
      }
      if !any { html += "<p class=\"note\">No reflections were written at these waves.</p>\n" }
      return html
    }
  }

  private func title(of id: String, _ scales: [ReportScale]) -> String {
    scales.first { $0.id == id }?.title.defaultText ?? id
  }

  /// "improved", "declined", "no reliable change", "cannot be judged".
  private static func word(_ change: GrowthProfile.Change) -> String {
    ChartMarker.word(change.classification)
  }

  /// The date part of an ISO 8601 time.
  static func day(_ time: String) -> String {
    String(time.prefix(10))
  }

  /// "A", "A and B", "A, B and C".
  static func list(_ names: [String]) -> String {
    guard names.count > 1, let last = names.last else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + last
  }
}
