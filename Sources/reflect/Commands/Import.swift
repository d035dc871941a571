import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectStore

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import responses collected elsewhere from a CSV file, all rows or none.",
    discussion: """
      The file is wide (a column respondent, optionally wave, and one column per question \
      id; one row per session) or long (respondent,wave,item,value and optionally the \
      other columns of the long export; one row per answer). The layout is told from the \
      header (an item column means long) unless --layout says. Values are choice values \
      or labels in any of the instrument's languages; a select multiple's values are \
      separated by ;.

      Every row is checked first and every problem is reported with its row and column; \
      then all sessions are written in one transaction, or none. Imported sessions are \
      complete, marked with the file's name and the time of the import, and count in \
      analyses like taken ones. A long export of another store keeps its session numbers \
      when they are free in this one.

      Examples:
        reflect import survey.csv --instrument openness --wave pre
        reflect import exports/openness-long.csv --instrument openness --store new.sqlite
        reflect import answers.csv --instrument leadership --layout wide
      """)

  @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv"))
  var file: String

  @Option(help: "An instrument id or a path to an .xml file.")
  var instrument: String

  @Option(help: "The wave of every row, for a file without a wave column (pre, post, …).")
  var wave: String?

  @Option(help: "wide or long; told from the header when left out.")
  var layout: ImportLayout?

  @OptionGroup var instruments: InstrumentOptions
  @OptionGroup var store: StoreOptions

  func run() throws {
    let loaded = try instruments.load(instrument)
    let reader = CollectedResponsesReader(
      instrument: loaded.instrument, layout: layout, wave: wave)
    do {
      // Checked as a whole before the store is touched; read again while writing.
      var progress = ProgressLine()
      defer { progress.clear() }
      let collected = try reader.read(path: file) { rows in
        progress.show("checking \(file): \(rows) rows")
      }
      for warning in collected.warnings { Terminal.error(warning.description) }
      guard !collected.sessions.isEmpty else {
        throw ResponsesReadError(diagnostics: [
          Diagnostic(file: file, location: nil, message: "the file has a header but no rows")
        ])
      }
      let database = try store.open()
      let outcome = try database.importSessions(
        instrument: loaded.instrument.id, version: loaded.instrument.version,
        definitionSource: loaded.source, source: .imported(file: file, at: Date())
      ) { importer in
        try ResponsesImport(file: file, reader: reader, collected: collected).write(
          into: &importer
        ) { rows in
          progress.show(
            "importing \(file): \(rows * 100 / max(collected.rowCount, 1))%")
        }
      }
      progress.clear()
      if let warning = outcome.definitionWarning { Terminal.error("warning: \(warning)") }
      if outcome.renumbered {
        Terminal.error(
          "note: the file's session numbers are in use in \(store.resolvedPath); the sessions were numbered anew"
        )
      }
      let waves = collected.waves.joined(separator: ", ")
      print(
        "\(file): imported \(collected.sessions.count) session\(collected.sessions.count == 1 ? "" : "s") of \(loaded.instrument.id) (\(collected.respondentCount) respondent\(collected.respondentCount == 1 ? "" : "s"); wave\(collected.waves.count == 1 ? "" : "s") \(waves); \(collected.answerCount) answers) into \(store.resolvedPath)"
      )
    } catch let error as ResponsesReadError {
      for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
      Terminal.error("\(file): nothing was imported")
      throw ExitCode(1)
    } catch let error as StoreError {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }
}

extension ImportLayout: ExpressibleByArgument {}

/// The second, writing read of an import, inside the store's transaction.
private struct ResponsesImport {
  let file: String
  let reader: CollectedResponsesReader
  /// What the first read found.
  let collected: CollectedResponses

  struct Outcome {
    var definitionWarning: DefinitionWarning?
    /// Whether the file's numeric session ids were in use, so the sessions got new ones.
    var renumbered: Bool
  }

  func write(into importer: inout SessionImporter, progress: (Int) -> Void) throws -> Outcome {
    try refuseSecondCopies(importer)
    let keptIDs = try keptSessionIDs(importer)
    var ids: [SessionID] = []
    ids.reserveCapacity(collected.sessions.count)
    for (index, session) in collected.sessions.enumerated() {
      ids.append(
        try importer.addSession(
          respondent: session.respondent, wave: session.wave, id: keptIDs?[index],
          startedAt: session.startedAt, completedAt: session.completedAt))
    }
    let sessions = collected.sessions
    let reread = try reader.read(path: file, progress: progress) {
      index, question, value, answeredAt in
      guard index < ids.count else { throw changed() }
      try importer.addAnswer(
        value, question: question, session: ids[index],
        answeredAt: answeredAt ?? sessions[index].completedAt)
    }
    guard reread == collected else { throw changed() }
    let numbered = collected.sessions.allSatisfy { $0.label.flatMap { Int64($0) } != nil }
    return Outcome(
      definitionWarning: importer.definition.warning, renumbered: numbered && keptIDs == nil)
  }

  /// Refuses sessions the store already has a completed one for (same respondent,
  /// instrument and wave): importing a file twice would count its answers twice.
  private func refuseSecondCopies(_ importer: SessionImporter) throws {
    var problems: [Diagnostic] = []
    for session in collected.sessions {
      guard
        let existing = try importer.completedSession(
          respondent: session.respondent, wave: session.wave)
      else { continue }
      problems.append(
        Diagnostic(
          file: file, location: nil,
          message:
            "row \(session.row): the store already has a completed session of this respondent at wave \(session.wave) (session \(existing)); importing it again would count it twice"
        ))
      if problems.count >= CollectedResponsesReader.maximumReportedProblems { break }
    }
    if !problems.isEmpty { throw ResponsesReadError(diagnostics: problems) }
  }

  /// The file's session numbers, when every session has a different positive one and
  /// none is in use in the store: a store moved through a long export keeps them.
  private func keptSessionIDs(_ importer: SessionImporter) throws -> [SessionID?]? {
    var ids: [SessionID?] = []
    var seen: Set<Int64> = []
    for session in collected.sessions {
      guard let label = session.label, let number = Int64(label), number > 0,
        seen.insert(number).inserted
      else { return nil }
      ids.append(SessionID(number))
    }
    for case let id? in ids where try importer.sessionExists(id) { return nil }
    return ids
  }

  private func changed() -> ResponsesReadError {
    ResponsesReadError(diagnostics: [
      Diagnostic(
        file: file, location: nil, message: "the file changed while it was imported; run again")
    ])
  }
}
