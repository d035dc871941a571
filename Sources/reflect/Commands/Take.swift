import ArgumentParser
import Foundation
import ReflectStore

struct Take: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "take",
    abstract: "Take an assessment: a guided, line-based self-assessment.",
    discussion: """
      Plain lines in and out: works in any terminal, over ssh, with a screen reader, or \
      with answers piped in. Every answer is saved before the next question. Type \
      :back, :skip, :help (or ?) or :quit at any question; Ctrl-C also keeps every \
      answer. Running the same command again resumes where you left off.

      Examples:
        reflect take openness
        reflect take leadership --respondent anna --wave pre
        reflect take openness --lang de
        printf '4\\n2\\n5\\n' | reflect take openness --respondent demo --wave pre
      """)

  @Argument(help: "An instrument id (looked up in --instruments) or a path to an .xml file.")
  var instrument: String

  @Option(help: "Who is answering (default: your login name).")
  var respondent: String?

  @Option(help: "The wave, e.g. pre, post, follow-up (default: today's date, YYYY-MM-DD).")
  var wave: String?

  @Option(name: .customLong("lang"), help: "The language, where the instrument has it.")
  var language: String?

  @Option(help: "Who gives the answers, when not the respondent (e.g. an observer).")
  var rater: String?

  @Flag(help: "Start a new session even though one for this wave was completed.")
  var retake = false

  @OptionGroup var store: StoreOptions
  @OptionGroup var instruments: InstrumentOptions

  func validate() throws {
    if let respondent, respondent.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--respondent must not be empty")
    }
    if let wave, wave.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--wave must not be empty")
    }
  }

  func run() throws {
    let loaded = try instruments.load(instrument)
    let database = try store.open()
    let who = respondent ?? Self.loginName()
    let when = wave ?? TerminalRunner.dateFormatter.string(from: Date())
    var resume = "reflect take \(instrument) --respondent \(who) --wave \(when)"
    if let language { resume += " --lang \(language)" }
    if let path = store.path { resume += " --store \(path)" }
    let runner = TerminalRunner(
      loaded: loaded, store: database, respondent: who, wave: when, language: language,
      rater: rater, retake: retake, resumeCommand: resume)
    do {
      try runner.run()
    } catch let error as StoreError {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }

  static func loginName() -> String {
    let environment = ProcessInfo.processInfo.environment
    return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
  }
}
