import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectStore
import ReflectXML

/// The terminal adapter of the runner: it starts or resumes the session in the store,
/// then prints the engine's text and reads one line per step, committing every answer
/// before the next prompt is shown.
struct TerminalRunner {
  var loaded: LoadedInstrument
  var store: ReflectStore
  var respondent: String
  var wave: String
  var language: String?
  var rater: String?
  var retake: Bool
  /// The command that resumes this session, for the hint printed on leaving.
  var resumeCommand: String

  func run() throws {
    let id = loaded.instrument.id
    var instrument = loaded.instrument
    let session: StoredSession
    var notices: [String] = []
    var resuming = false
    if let open = try store.openSession(respondent: respondent, instrument: id, wave: wave) {
      session = open
      resuming = true
      let source = try store.definitionSource(open.definition)
      if source != loaded.source {
        // Keep asking the questions the session started with.
        instrument = try InstrumentLoader.load(bytes: source, file: "\(id) (stored)").instrument
        notices.append(
          "The instrument file has changed since this session started; continuing with the version it started with (\(instrument.version))."
        )
      }
    } else {
      if !retake,
        let done = try store.newestCompleteSession(
          respondent: respondent, instrument: id, wave: wave)
      {
        let date = Self.dateFormatter.string(from: done.completedAt ?? done.startedAt)
        Terminal.error(
          "\(respondent) already completed \(id) for wave \(wave) on \(date). To take it again as a new session, add --retake (the newest completed session counts in analyses)."
        )
        throw ExitCode(1)
      }
      let storage = try store.storeDefinition(
        id: id, version: loaded.instrument.version, source: loaded.source)
      if let warning = storage.warning { Terminal.error("\(loaded.file): warning: \(warning)") }
      session = try store.startSession(
        respondent: respondent, definition: storage.definition.id, wave: wave, rater: rater,
        language: language)
    }

    var engine = SessionEngine(
      instrument: instrument, language: language ?? session.language,
      answers: try store.answers(of: session.id))
    let text = engine.text
    InterruptHandler.install(
      message: SessionText.stopped(resumeCommand: resumeCommand).joined(separator: "\n"))

    LineIO.write(
      text.banner(
        respondent: respondent, wave: wave, rater: rater,
        questionCount: engine.visibleQuestions.count))
    LineIO.write(notices)
    if resuming {
      LineIO.write(text.resumed(answered: engine.answers.count, at: engine.current))
    }

    while let step = engine.current {
      LineIO.write(text.step(step))
      var asking = true
      while asking {
        guard let line = LineIO.readLine() else { return stop() }
        switch engine.interpret(line) {
        case .answered(let questionID, let value):
          try waitingForTheStore { () throws(StoreError) in
            try store.recordAnswer(session: session.id, question: questionID, value: value)
          }
          engine.record(value, for: questionID)
          asking = false
        case .skip:
          engine.skip()
          asking = false
        case .back:
          if !engine.back() {
            LineIO.write("This is the first question; there is nothing to go back to.")
          }
          asking = false
        case .help(let lines):
          LineIO.write(lines)
          LineIO.write(text.question(step))
        case .invalid(let message):
          LineIO.write(message)
          LineIO.write(text.question(step))
        case .quit:
          return stop()
        }
      }
      if engine.isFinished {
        guard try confirmSubmit(&engine, text: text) else { return }
      }
    }
    try waitingForTheStore { () throws(StoreError) in _ = try store.complete(session.id) }
    LineIO.write(["", "Thank you. Your answers are submitted."])
    LineIO.write(feedback(engine: engine, instrument: instrument, session: session))
    LineIO.write(change(instrument: instrument, language: language ?? session.language))
  }

  /// Runs `write`, trying again for up to two minutes while another program (a large
  /// `reflect import`, say) holds the store: the answer is kept in hand meanwhile, not
  /// lost. Says once that it is waiting.
  private func waitingForTheStore(_ write: () throws(StoreError) -> Void) throws(StoreError) {
    let deadline = Date().addingTimeInterval(120)
    var said = false
    while true {
      do {
        return try write()
      } catch  where error.code == .busy && Date() < deadline {
        if !said {
          LineIO.write("Another program is writing to the store; waiting to save your answer…")
          said = true
        }
        // SQLite has already waited its busy timeout; this only avoids a tight loop.
        usleep(100_000)
      }
    }
  }

  /// The change since this person's previous completed wave, judged against the cohort
  /// (or the instrument's reference) as the growth profile does.
  private func change(instrument: Instrument, language: String?) -> [String] {
    guard instrument.isScored,
      let responses = try? store.responses(instrument: instrument),
      let profile = try? GrowthData(responses).profile(of: respondent),
      profile.waves.count >= 2, profile.waves.last?.wave == wave
    else { return [] }
    return PersonalFeedback.changeLines(profile, instrument: instrument, language: language)
  }

  /// Asks `Submit? [y/n]` until the person answers; `false` when they leave instead.
  private func confirmSubmit(_ engine: inout SessionEngine, text: SessionText) throws -> Bool {
    LineIO.write(text.summary(engine.summary))
    while true {
      guard let line = LineIO.readLine() else {
        stop()
        return false
      }
      switch SubmitReply.read(line, canGoBack: engine.canGoBack) {
      case .submit:
        return true
      case .notNow, .quit:
        LineIO.write(["Not submitted; your answers are saved and the session stays open."])
        stop()
        return false
      case .back:
        engine.back()
        return true
      case .help(let lines):
        LineIO.write(lines + [SessionText.submitPrompt])
      case .invalid(let message):
        LineIO.write([message, SessionText.submitPrompt])
      }
    }
  }

  private func stop() {
    LineIO.write([""] + SessionText.stopped(resumeCommand: resumeCommand))
  }

  /// The person's own results: each scale's score, band and band feedback.
  private func feedback(
    engine: SessionEngine, instrument: Instrument, session: StoredSession
  )
    -> [String]
  {
    guard instrument.isScored else { return [] }
    var responses = Responses(instrument: instrument)
    responses.appendSession(
      SessionInfo(
        respondent: respondent, wave: wave, session: session.id.description,
        instrumentID: instrument.id, version: instrument.version),
      answers: engine.visibleAnswers)
    return PersonalFeedback.lines(
      for: Scoring.score(responses), row: 0, language: language ?? session.language)
  }

  static let dateFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = TimeZone.current
    return formatter
  }()
}
