import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectStore

struct Profile: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profile",
    abstract: "One person's growth across waves, with the reliable change index.",
    discussion: """
      With --format html, writes one self-contained page (charts, band feedback, the \
      change table and the person's reflections) to the file given with -o, and prints \
      its path. Reflections come from the store, or from the --responses file.

      Examples:
        reflect profile anna --instrument openness
        reflect profile p001 --instrument openness --responses cohort.csv --format json
        reflect profile anna --instrument openness --format html -o anna.html
      """)

  @Argument(help: "The respondent's id.")
  var respondent: String

  @OptionGroup var input: ResponsesOptions

  @Option(help: "text for people, json for programs, html for a page (with -o).")
  var format = Format<TextJSONOrHTML>(.text)

  @OptionGroup var output: ReportOutputOptions

  @Flag(help: "Leave the person's written reflections out of the HTML page.")
  var noText = false

  func validate() throws {
    try output.validate(format: format.value)
  }

  func run() throws {
    let responses = try input.load()
    let profile: GrowthProfile
    do {
      profile = try GrowthData(responses).profile(of: respondent)
    } catch {
      // Where to see who has sessions depends on where they were read from.
      if error.code == .unknownRespondent, let file = input.responses {
        Terminal.error(
          "\(file): error: \(error.message) in this file; its respondent column lists who has")
      } else if error.code == .unknownRespondent {
        Terminal.error(
          "error: \(error.message); `reflect sessions --instrument \(responses.instrument.id)` lists who has"
        )
      } else {
        Terminal.error("error: \(error.message)")
      }
      throw ExitCode(1)
    }
    switch format.value {
    case .json: print(JSONOutput.render(profile))
    case .html:
      let report = ProfileReport(
        profile: profile, instrument: responses.instrument,
        reflections: try reflections(of: profile, instrument: responses.instrument))
      try output.write(report.html)
    default: print(GrowthReport.profileText(profile, instrument: responses.instrument))
    }
  }

  /// The answers of each of the person's sessions, in the store or the responses CSV,
  /// for their reflections.
  func reflections(
    of profile: GrowthProfile, instrument: Instrument
  ) throws -> ProfileReport.Reflections {
    if noText { return .omitted }
    if let file = input.responses {
      do {
        return .answers(
          try CollectedResponsesReader(instrument: instrument).answers(
            of: profile.respondent, path: file))
      } catch {
        return .unavailable(
          reason: "Reflections are not shown: \(file) has rows that cannot be read as"
            + " answers (run `reflect import` on it to see them).")
      }
    }
    let store = try input.store.open()
    var answers: [String: [String: AnswerValue]] = [:]
    do {
      for wave in profile.waves {
        guard let id = Int64(wave.session) else { continue }
        answers[wave.session] = try store.answers(of: SessionID(id))
      }
    } catch {
      Terminal.error("\(input.store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
    return .answers(answers)
  }
}

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Cohort change from one wave to another (paired), optionally by group.",
    discussion: """
      Groups smaller than --min-group (default 5, never below 3) are not reported, and \
      when only one group would be hidden the next smallest is hidden too, so that no \
      one's figures can be worked out from the total.

      Examples:
        reflect compare --instrument openness --from pre --to post
        reflect compare --instrument openness --from pre --to post --by role
        reflect compare --instrument openness --from pre --to post --format csv
        reflect compare --instrument openness --from pre --to post --by role --format html -o cohort.html
      """)

  @OptionGroup var input: ResponsesOptions

  @Option(help: "The earlier wave.")
  var from: String

  @Option(help: "The later wave.")
  var to: String

  @Option(help: "A roster attribute to break the cohort down by (role, cohort, …).")
  var by: String?

  @Option(help: "The smallest group reported (at least 3).")
  var minGroup: Int = 5

  @Option(
    help: ArgumentHelp("The roster, with --responses (else the store's).", valueName: "file.csv"))
  var roster: String?

  @Option(
    help: "text for people, json or csv for programs and spreadsheets, html for a page (with -o).")
  var format = Format<AnyFormat>(.text)

  @OptionGroup var output: ReportOutputOptions

  func validate() throws {
    try output.validate(format: format.value)
  }

  func run() throws {
    let responses = try input.load()
    var groups: [String: String]?
    if let by {
      groups = try RosterSource(file: roster, store: input.store).attribute(by)
    }
    let comparison: CohortComparison
    var distribution: ChangeDistribution?
    do {
      let data = GrowthData(responses)
      comparison = try data.compare(from: from, to: to, groups: groups, minGroup: minGroup)
      if format.value == .html,
        comparison.groups.contains(where: { $0.group == CohortComparison.allGroup })
      {
        distribution = try data.changeDistribution(from: from, to: to)
      }
    } catch {
      Terminal.error("error: \(error.message)")
      throw ExitCode(1)
    }
    switch format.value {
    case .json: print(JSONOutput.render(comparison))
    case .html:
      for notice in comparison.notices { Terminal.error(notice) }
      let report = CohortReport(
        comparison: comparison, distribution: distribution, instrument: responses.instrument,
        attribute: by)
      try output.write(report.html)
    case .csv:
      var writer = CSVWriter(fileDescriptor: 1, name: "standard output")
      GrowthCSV.write(comparison, to: &writer)
      try writer.finish()
    default: print(GrowthReport.comparisonText(comparison, instrument: responses.instrument))
    }
  }
}

struct Dyads: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dyads",
    abstract: "Each mentor–mentee pair of the roster, with both people's change.",
    discussion: """
      Example:
        reflect dyads --instrument openness --from pre --to post
        reflect dyads --instrument openness --from pre --to post --format json
      """)

  @OptionGroup var input: ResponsesOptions

  @Option(help: "The earlier wave.")
  var from: String

  @Option(help: "The later wave.")
  var to: String

  @Option(
    help: ArgumentHelp("The roster, with --responses (else the store's).", valueName: "file.csv"))
  var roster: String?

  @Option(help: "text for people, json for programs.")
  var format = Format<TextOrJSON>(.text)

  func run() throws {
    let responses = try input.load()
    let mentors = try RosterSource(file: roster, store: input.store).attribute("mentor")
    let pairs = mentors.sorted { $0.key < $1.key }.map {
      DyadComparison.Pair(mentor: $0.value, mentee: $0.key)
    }
    let dyads: DyadComparison
    do {
      dyads = try GrowthData(responses).dyads(pairs, from: from, to: to)
    } catch {
      Terminal.error("error: \(error.message)")
      throw ExitCode(1)
    }
    switch format.value {
    case .json: print(JSONOutput.render(dyads))
    default: print(GrowthReport.dyadsText(dyads, instrument: responses.instrument))
    }
  }
}

/// Roster attributes from a roster CSV or the store.
struct RosterSource {
  var file: String?
  var store: StoreOptions

  /// `attribute`'s value per respondent.
  func attribute(_ name: String) throws -> [String: String] {
    do {
      if let file {
        var values: [String: String] = [:]
        for row in try RosterCSVReader.read(path: file) {
          let value: String? =
            switch name {
            case "role": row.role
            case "mentor": row.mentor
            case "cohort": row.cohort
            default: row.attributes[name]
            }
          if let value { values[row.id] = value }
        }
        return values
      }
      var values: [String: String] = [:]
      for entry in try store.open().roster() {
        if let value = entry.value(of: name) { values[entry.id] = value }
      }
      return values
    } catch let error as ResponsesReadError {
      for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
      throw ExitCode(1)
    } catch let error as StoreError {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }
}
