import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectStore

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write files for analysts: long, wide, scores, growth, codebook and JSON.",
    discussion: """
      Writes <instrument>-<what>.<ext> files into exports/ (or --out), each first to a \
      temporary name and then renamed, so a half-written file never exists, and prints \
      the paths. CSV is RFC 4180 and UTF-8; text cells that could run as spreadsheet \
      formulas get a leading '. See exports/README.md for every file and column.

      Examples:
        reflect export --instrument openness
        reflect export --instrument openness --pseudonymize --excel
        reflect export --instrument openness --what long,scores --out ~/analysis
        REFLECT_PSEUDONYM_KEY=… reflect export --instrument openness --pseudonymize
      """)

  @Option(help: "An instrument id or a path to an .xml file.")
  var instrument: String

  @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
  var out: String = "exports"

  @Option(help: "Which files, separated by commas: long, wide, scores, growth, codebook, json.")
  var what: String = ExportKind.allCases.map(\.rawValue).joined(separator: ",")

  @Flag(help: "Replace respondent and mentor ids with keyed pseudonyms (HMAC-SHA256).")
  var pseudonymize = false

  @Option(
    help: ArgumentHelp(
      "A file holding the pseudonym key (else REFLECT_PSEUDONYM_KEY).", valueName: "file"))
  var keyFile: String?

  @Flag(help: "Leave free-text reflections out of every file.")
  var noText = false

  @Flag(help: "Start CSV files with a byte-order mark, so that Excel reads accents correctly.")
  var excel = false

  @OptionGroup var instruments: InstrumentOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let kinds: [ExportKind]
    var pseudonymizer: Pseudonymizer?
    do {
      kinds = try ExportKind.parseList(what)
      if pseudonymize {
        pseudonymizer = try Pseudonymizer.fromEnvironment(
          ProcessInfo.processInfo.environment, keyFile: keyFile)
      }
    } catch {
      Terminal.error("error: \(error.message)")
      throw ExitCode(1)
    }
    let loaded = try instruments.load(instrument)
    let database = try store.open()
    var progress = ProgressLine()
    defer { progress.clear() }
    let sessions: [ExportSession]
    let roster: ExportRoster
    var growth: [ExportGrowthRow] = []
    do {
      progress.show("reading \(store.resolvedPath)", now: true)
      sessions = try Self.sessions(of: loaded.instrument, in: database)
      if kinds.contains(.growth) || kinds.contains(.json) {
        let responses = try database.responses(instrument: loaded.instrument)
        growth = ExportGrowthRow.rows(from: GrowthData(responses))
      }
      roster = ExportRoster(
        Dictionary(
          try database.roster().map { entry in
            var attributes = entry.attributes
            if let role = entry.role { attributes["role"] = role }
            if let mentor = entry.mentor { attributes["mentor"] = mentor }
            if let cohort = entry.cohort { attributes["cohort"] = cohort }
            return (entry.id, attributes)
          }, uniquingKeysWith: { first, _ in first }))
    } catch let error as StoreError {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
    let export = Export(
      instrument: loaded.instrument, sessions: sessions, roster: roster,
      growth: growth,
      options: ExportOptions(
        kinds: kinds, byteOrderMark: excel, includesText: !noText, pseudonymizer: pseudonymizer))
    do {
      let paths = try export.write(to: out) { name in progress.show("writing \(name)", now: true) }
      progress.clear()
      for path in paths { print(path) }
    } catch {
      Terminal.error("error: \(error.message)")
      throw ExitCode(1)
    }
  }

  /// Every session of the instrument in the store, in the order of their numbers (a
  /// store that got them from an import of this export keeps them), with their answers
  /// and when each was last given.
  static func sessions(of instrument: Instrument, in store: ReflectStore) throws -> [ExportSession]
  {
    try store.sessionsWithAnswers(instrument: instrument.id).map { stored in
      let session = stored.session
      return ExportSession(
        respondent: session.respondent, wave: session.wave, session: session.id.description,
        instrumentID: session.instrumentID, version: session.version,
        startedAt: timestamp(session.startedAt), completedAt: session.completedAt.map(timestamp),
        status: session.status.rawValue, answers: stored.answers,
        answeredAt: stored.answeredAt.mapValues(timestamp))
    }
  }
}
