import ArgumentParser
import Foundation
import ReflectFormats
import ReflectStore

struct Sessions: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions",
    abstract: "List the sessions in the store: who, which instrument and wave, and status.",
    discussion: """
      Examples:
        reflect sessions
        reflect sessions --status open
        reflect sessions --instrument openness --format json
      """)

  @Option(help: "Only this respondent's sessions.")
  var respondent: String?

  @Option(help: "Only sessions of this instrument id.")
  var instrument: String?

  @Option(help: "open or complete.")
  var status: SessionStatus?

  @Option(help: "text for people, json for programs.")
  var format = Format<TextOrJSON>(.text)

  @OptionGroup var store: StoreOptions

  func run() throws {
    let database = try store.open()
    let sessions: [StoredSession]
    do {
      sessions = try database.sessions(
        respondent: respondent, instrument: instrument, status: status)
    } catch {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
    let rows = sessions.map { session in
      SessionListing.Row(
        session: session.id.description, respondent: session.respondent,
        instrument: session.instrumentID, version: session.version, wave: session.wave,
        status: session.status.rawValue, answers: session.answerCount,
        startedAt: timestamp(session.startedAt),
        completedAt: session.completedAt.map(timestamp), source: session.source.rawValue)
    }
    switch format.value {
    case .json: print(SessionListing.json(rows))
    default: print(SessionListing.text(rows))
    }
  }
}

extension SessionStatus: ExpressibleByArgument {}
