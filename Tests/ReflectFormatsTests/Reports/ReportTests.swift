import Foundation
import ReflectCore
import ReflectXML
import Testing

@testable import ReflectFormats

/// The HTML reports: valid, self-contained, accessible, escaped, and the same every time.
@Suite struct ReportTests {
  /// Elements libxml2's HTML parser (HTML 4) does not know but HTML5 and inline SVG have.
  static let html5Tags: Set<String> = [
    "header", "main", "section", "figure", "figcaption", "svg", "title", "desc", "g", "rect",
    "line", "polyline", "polygon", "circle", "text",
  ]

  /// Anything that would fetch, run or link: none may appear in a report.
  static let forbidden = [
    "http:", "https:", "//", "<script", "<link", "url(", "@import", "src=", "href=", "<iframe",
    "<img", "<object", "<embed", "@font-face",
  ]

  static func pages() throws -> [(String, String)] {
    [("profile", try ReportFixtures.profileHTML()), ("cohort", try ReportFixtures.cohortHTML())]
  }

  @Test func pagesParseWithLibxml2sHTMLParser() throws {
    for (name, html) in try Self.pages() {
      let problems = MarkupCheck.htmlProblems(html).filter { problem in
        guard problem.code == MarkupCheck.unknownTagCode else { return true }
        // "Tag svg invalid": accepted only for the HTML5 and SVG elements above.
        let tag = problem.message.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        return !Self.html5Tags.contains(tag)
      }
      #expect(problems.isEmpty, "\(name): \(problems)")
    }
  }

  @Test func theCheckersReportWhatIsWrong() throws {
    #expect(!MarkupCheck.htmlProblems("<!DOCTYPE html><p><b>x</i></p></div>").isEmpty)
    let tags = MarkupCheck.htmlProblems(try ReportFixtures.profileHTML())
      .filter { $0.code == MarkupCheck.unknownTagCode }
    #expect(tags.contains { $0.message.hasPrefix("Tag svg invalid") })
    #expect(!MarkupCheck.xmlProblems("<svg><title>a</svg>").isEmpty)
    #expect(MarkupCheck.xmlProblems("<svg><title>a &amp; b</title></svg>").isEmpty)
  }

  @Test func pagesReferToNothingOutside() throws {
    for (name, html) in try Self.pages() {
      let lowered = html.lowercased()
      for needle in Self.forbidden {
        #expect(!lowered.contains(needle), "\(name) contains \(needle)")
      }
      #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
      #expect(html.contains("@page { size: A4;"))
    }
  }

  /// Every `<svg>…</svg>` of `html`.
  static func svgs(in html: String) -> [String] {
    var result: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>") {
      result.append(String(rest[start.lowerBound..<end.upperBound]))
      rest = rest[end.upperBound...]
    }
    return result
  }

  @Test func everyChartIsWellFormedAndDescribed() throws {
    for (name, html) in try Self.pages() {
      let svgs = Self.svgs(in: html)
      #expect(svgs.count == (name == "profile" ? 4 : 12))
      for svg in svgs {
        #expect(MarkupCheck.xmlProblems(svg).isEmpty, "\(name): \(MarkupCheck.xmlProblems(svg))")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\""))
        #expect(svg.contains("<desc id=\""))
        #expect(svg.contains("aria-labelledby=\""))
      }
      // Each chart is followed by the table of its numbers.
      #expect(html.components(separatedBy: "</svg>\n<table>").count - 1 >= svgs.count / 2)
    }
  }

  @Test func untrustedTextIsEscaped() throws {
    let profile = try ReportFixtures.profileHTML()
    #expect(profile.contains("<h1>Growth profile: &lt;script&gt;&amp;\"x</h1>"))
    #expect(
      profile.contains(
        "<blockquote>I said &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"meant\" it</blockquote>"
      ))
    #expect(profile.contains("<strong>What changed &lt;for you&gt;?</strong>"))
    #expect(profile.contains("Try &lt;one&gt; thing &amp; see \"what\" happens."))
    #expect(
      profile.contains(
        "<title>Growth profile: &lt;script&gt;&amp;\"x, Growth &amp; &lt;demo&gt;</title>"))
    #expect(Markup.attribute("a\"b'<&\u{1}") == "a&quot;b&#39;&lt;&amp;\u{FFFD}")
  }

  @Test func profileSaysAtAGlanceWhatChanged() throws {
    let profile = try ReportFixtures.profileHTML()
    #expect(
      profile.contains(
        "<p>Since pre: ▲ improved on Voice and Openness; ▼ declined on Trust.</p>\n"
          + "<p>Overall: ◇ cannot be judged.</p>"))
  }

  @Test func profileLeavesReflectionsOutOrSaysWhyTheyAreMissing() throws {
    let omitted = try ReportFixtures.profileHTML(reflections: .omitted)
    #expect(!omitted.contains("Reflections"))
    #expect(!omitted.contains("meant"))
    let unavailable = try ReportFixtures.profileHTML(
      reflections: .unavailable(reason: "Not in a CSV."))
    #expect(unavailable.contains("<h2>Reflections</h2>\n<p class=\"note\">Not in a CSV.</p>"))
  }

  @Test func cohortNamesSuppressedGroupsAndNeverDrawsThem() throws {
    let cohort = try ReportFixtures.cohortHTML()
    // mentee 4, mentor 3, coach 1 with at least 3: coach is hidden, and so is mentor.
    #expect(
      cohort.contains(
        "<tr class=\"suppressed\"><td>coach</td><td colspan=\"6\">not shown: fewer than 3 people"))
    #expect(cohort.contains("<tr class=\"suppressed\"><td>mentor</td>"))
    for svg in Self.svgs(in: cohort) {
      let drawn = svg.components(separatedBy: "</desc>").last ?? ""
      #expect(!drawn.contains(">coach<"))
      #expect(!drawn.contains(">mentor<"))
    }
    #expect(cohort.contains(">mentee</text>"))
    #expect(!cohort.contains("meant"))
  }

  @Test func aCohortTooSmallToShowDrawsNothing() throws {
    let data = ReportFixtures.data
    let comparison = try data.compare(from: "pre", to: "post", minGroup: 10)
    let html = CohortReport(
      comparison: comparison, distribution: nil, instrument: ReportFixtures.instrument
    ).html
    #expect(html.contains("Fewer than 10 people have both waves, so nothing is shown"))
    #expect(Self.svgs(in: html).isEmpty)
    #expect(!html.contains("p2"))
  }

  @Test func aProfileOfOneWaveSaysChangeComesLater() throws {
    var responses = Responses(instrument: ReportFixtures.instrument)
    let row = responses.appendSession(
      SessionInfo(
        respondent: "solo", wave: "pre", session: "1", instrumentID: "demo", version: "1.0.0"))
    for column in 0..<6 { responses.set(3, row: row, column: column) }
    let profile = try GrowthData(responses).profile(of: "solo")
    let html = ProfileReport(
      profile: profile, instrument: ReportFixtures.instrument, reflections: .omitted
    ).html
    #expect(html.contains("<p>One wave so far (pre): change shows from the next.</p>"))
    #expect(!html.contains("<h2>Change</h2>"))
    #expect(Self.svgs(in: html).count == 4)
    for svg in Self.svgs(in: html) { #expect(MarkupCheck.xmlProblems(svg).isEmpty) }
  }

  @Test func profileSnapshot() throws {
    try Snapshot.expectMatches(try ReportFixtures.profileHTML(), named: "profile.html")
  }

  @Test func cohortSnapshot() throws {
    try Snapshot.expectMatches(try ReportFixtures.cohortHTML(), named: "cohort.html")
  }

  @Test func profileTextDrawsABarPerScaleAndWave() throws {
    let profile = try ReportFixtures.data.profile(of: "p2")
    let text = GrowthReport.profileText(profile, instrument: ReportFixtures.instrument)
    #expect(
      text.contains(
        """
        Scores (each bar runs from the lowest possible score to the highest)
          Voice (1–5)
            pre     3.00  [##########..........]  Developing
            post    3.50  [#############.......]  Developing
        """))
    #expect(text.allSatisfy { $0.isASCII || "–→".contains($0) })
  }

  @Test(arguments: [
    (0.0, 2, "0"), (12.5, 2, "12.5"), (-0.004, 2, "0"), (1.005, 1, "1"), (-3.25, 2, "-3.25"),
    (1234.5678, 2, "1234.57"), (Double.nan, 2, "0"), (0.1 + 0.2, 2, "0.3"),
  ])
  func svgNumbersAreFixedAndLocaleFree(value: Double, decimals: Int, text: String) {
    #expect(SVGNumber.format(value, decimals: decimals) == text)
  }

  @Test func scalesHaveNiceTicks() {
    let score = LinearScale(domain: (1, 5), range: (200, 0))
    #expect(score.ticks(count: 4) == [1, 2, 3, 4, 5])
    #expect(score(1) == 200)
    #expect(score(5) == 0)
    #expect(score(3) == 100)
    let change = LinearScale(domain: (-1.3, 1.3), range: (0, 100))
    #expect(change.ticks(count: 8) == [-1, -0.5, 0, 0.5, 1])
    let narrow = LinearScale(domain: (0, 1), range: (0, 10))
    #expect(narrow.ticks(count: 4) == [0, 0.25, 0.5, 0.75, 1])
    #expect(narrow.tickDecimals(count: 4) == 2)
    let empty = LinearScale(domain: (3, 3), range: (0, 10))
    #expect(empty(3) == 5)
  }
}
