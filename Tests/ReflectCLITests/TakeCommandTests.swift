import Foundation
import ReflectCore
import ReflectStore
import ReflectTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `reflect take`, run as a person or a script runs it: piped answers, every answer in
/// the store before the next question, quitting, killing and resuming.
@Suite(.serialized) struct TakeCommandTests {
  static let instrument = """
    <?xml version="1.0" encoding="UTF-8"?>
    <instrument xmlns="urn:reflect:instrument:1" id="habits" version="1.0.0" xml:lang="en">
      <title>Meeting habits</title>
      <instructions>Think of the last month.</instructions>
      <choices id="agree">
        <choice value="1">Strongly disagree</choice>
        <choice value="2">Disagree</choice>
        <choice value="3">Neutral</choice>
        <choice value="4">Agree</choice>
        <choice value="5">Strongly agree</choice>
        <choice value="0" missing="true">Not applicable</choice>
      </choices>
      <choices id="tools">
        <choice value="agenda">Agenda</choice>
        <choice value="notes">Notes</choice>
        <choice value="timer">Timer</choice>
      </choices>
      <choices id="roles">
        <choice value="mentor">Mentor</choice>
        <choice value="mentee">Mentee</choice>
      </choices>
      <section id="s1">
        <title>In meetings</title>
        <rating id="q1" choices="agree"><prompt>I ask quiet people for their view.</prompt></rating>
        <rating id="q2" choices="agree"><prompt>I talk over others.</prompt></rating>
        <number id="q3" min="0" max="20" integer="true" required="false"><prompt>How many meetings did you lead?</prompt></number>
        <select id="q4" choices="tools" multiple="true" required="false"><prompt>Which do you use?</prompt></select>
        <select id="q6" choices="roles" required="false"><prompt>Your role in the programme?</prompt></select>
        <reflection id="q5" show-if="q1 &gt;= 4"><prompt>What did you hear that surprised you?</prompt></reflection>
      </section>
      <scoring>
        <scale id="listening">
          <title>Listening</title>
          <item ref="q1"/>
          <item ref="q2" reverse="true"/>
          <bands>
            <band below="3" label="Emerging"><feedback>Try one open question per meeting.</feedback></band>
            <band label="Established"><feedback>Keep inviting quiet voices.</feedback></band>
          </bands>
        </scale>
      </scoring>
    </instrument>
    """

  /// A folder with the instrument in `instruments/habits.xml`, for one test.
  struct Workspace {
    let folder: URL
    var store: String { folder.appendingPathComponent("reflect.sqlite").path }

    init() throws {
      folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("reflect-take-\(UUID().uuidString)")
      let instruments = folder.appendingPathComponent("instruments")
      try FileManager.default.createDirectory(at: instruments, withIntermediateDirectories: true)
      try TakeCommandTests.instrument.write(
        to: instruments.appendingPathComponent("habits.xml"), atomically: true, encoding: .utf8)
    }

    func take(_ input: String, _ extra: [String] = []) throws -> ProcessResult {
      try ReflectProcess.run(
        ["take", "habits", "--respondent", "ana", "--wave", "pre"] + extra, input: input,
        directory: folder)
    }

    func answers() throws -> [String: AnswerValue] {
      let store = try ReflectStore(path: store)
      let sessions = try store.sessions(respondent: "ana")
      guard let session = sessions.last else { return [:] }
      return try store.answers(of: session.id)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
  }

  @Test func aCompleteSessionWithPipedAnswers() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.take("4\nstrongly dis\n7\n1, 3\nmentee\nThat they had ideas.\ny\n")
    #expect(result.status == 0)
    #expect(result.stderr == "")
    #expect(result.stdout.contains("[1/5] I ask quiet people for their view."))
    #expect(result.stdout.contains("[6/6] What did you hear that surprised you?"))
    #expect(result.stdout.contains("Submit? [y/n]"))
    #expect(
      result.stdout.contains(
        "Listening: 4.50 (on a scale from 1 to 5), Established\n  Keep inviting quiet voices."))
    #expect(
      try workspace.answers() == [
        "q1": .choice("4"), "q2": .choice("1"), "q3": .number(7),
        "q4": .choices(["agenda", "timer"]), "q6": .choice("mentee"),
        "q5": .text("That they had ideas."),
      ])
    let store = try ReflectStore(path: workspace.store)
    #expect(try store.sessions(respondent: "ana").map(\.status) == [.complete])
  }

  struct InvalidAnswer: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var message: String
    var testDescription: String { name }
  }

  static let invalidAnswers = [
    InvalidAnswer(
      name: "out of range", input: "9",
      message: "There is no option 9. Answer with a number from 1 to 6 or an option's label."),
    InvalidAnswer(
      name: "unknown label", input: "sometimes",
      message:
        "No option matches that answer. Answer with a number from 1 to 6 or an option's label."),
    InvalidAnswer(
      name: "ambiguous prefix", input: "strongly",
      message:
        "More than one option starts that way: 1 Strongly disagree, 5 Strongly agree. Type more of the label, or its number."
    ),
    InvalidAnswer(
      name: "empty on a required question", input: "",
      message: "This question needs an answer; type :help for options."),
    InvalidAnswer(
      name: "10,000 characters", input: String(repeating: "x", count: 10_000),
      message:
        "No option matches that answer. Answer with a number from 1 to 6 or an option's label."),
    InvalidAnswer(
      name: "a control character", input: "4\u{7}",
      message:
        "That line contains control characters (perhaps from an arrow or function key); type the answer again as plain text."
    ),
    InvalidAnswer(
      name: "an unknown command", input: ":next",
      message:
        "That is not a command. The commands are :back (:b), :skip (:s), :help (:h or ?) and :quit (:q)."
    ),
  ]

  @Test(arguments: invalidAnswers)
  func invalidAnswersGetOneLineAndTheSameQuestion(_ invalid: InvalidAnswer) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.take(invalid.input + "\n:quit\n")
    #expect(
      result.stdout.contains("Answer 1–6, or :help\n\(invalid.message)\n\n[1/5] I ask quiet people")
    )
    #expect(result.status == 0)
    // The first question is asked twice: before and after the message.
    let asked =
      result.stdout.components(separatedBy: "[1/5] I ask quiet people for their view.").count - 1
    #expect(asked == 2)
    #expect(try workspace.answers() == [:])
  }

  @Test func aNumberOutOfRangeOrNotANumber() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.take("4\n2\nabc\n21\n2.5\n:q\n")
    for message in [
      "That is not a number. Answer with a whole number from 0 to 20.",
      "That is more than 20. Answer with a whole number from 0 to 20.",
      "That is not a whole number. Answer with a whole number from 0 to 20.",
    ] {
      #expect(
        result.stdout.contains(
          "Answer a whole number from 0 to 20, press Enter to skip, or :help\n\(message)\n\n[3/6] How many meetings"
        ))
    }
    #expect(try workspace.answers() == ["q1": .choice("4"), "q2": .choice("2")])
  }

  @Test func invalidUTF8IsRefusedNotFatal() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let process = try ReflectProcess.start(
      ["take", "habits", "--respondent", "ana", "--wave", "pre"], directory: workspace.folder)
    process.write(Data([0xFF, 0xFE, 0x0A]) + Data("3\n:q\n".utf8))
    let result = process.finish()
    #expect(result.status == 0)
    #expect(
      result.stdout.contains("Part of that line could not be read as text; type the answer again."))
    #expect(try workspace.answers() == ["q1": .choice("3")])
  }

  @Test func backChangesAnAnswerAndTheLogKeepsTheOldOne() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.take("5\n:back\n2\n:quit\n")
    #expect(result.status == 0)
    #expect(try workspace.answers() == ["q1": .choice("2")])
    let store = try ReflectStore(path: workspace.store)
    let session = try #require(try store.sessions(respondent: "ana").first)
    #expect(try store.answerLog(of: session.id).map(\.value) == [.choice("5"), .choice("2")])
  }

  @Test func showIfHidesAQuestionAfterAChange() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    // q1 = 5 shows q5; going back and answering 2 hides it again: 4 questions.
    let result = try workspace.take("5\n:back\n2\n1\n\n\n\ny\n")
    #expect(result.status == 0)
    #expect(result.stdout.contains("[2/5] I talk over others."))
    #expect(!result.stdout.contains("What did you hear that surprised you?"))
  }

  @Test func quitKeepsAnswersAndResumesAtTheNextQuestion() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let first = try workspace.take("4\n2\n:q\n")
    #expect(first.status == 0)
    #expect(
      first.stdout.contains(
        "Your answers are saved. To continue, run: reflect take habits --respondent ana --wave pre")
    )
    let second = try workspace.take(":q\n")
    #expect(
      second.stdout.contains(
        "Welcome back. You have answered 2 questions; continuing at question 3 of 6."))
    #expect(second.stdout.contains("[3/6] How many meetings did you lead?"))
  }

  @Test func endOfInputCountsAsQuit() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try workspace.take("4\n")
    #expect(result.status == 0)
    #expect(
      result.stdout.hasSuffix(
        "Your answers are saved. To continue, run: reflect take habits --respondent ana --wave pre\n"
      ))
    #expect(try workspace.answers() == ["q1": .choice("4")])
  }

  @Test(arguments: [1, 2, 4])
  func killedAfterKAnswersKeepsExactlyK(_ k: Int) throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let answers = ["4", "2", "3", "1", "fine"]
    let process = try ReflectProcess.start(
      ["take", "habits", "--respondent", "ana", "--wave", "pre"], directory: workspace.folder)
    process.write(Data((answers.prefix(k).joined(separator: "\n") + "\n").utf8))
    // Wait until the k-th answer is committed (the runner then shows question k+1).
    let deadline = Date().addingTimeInterval(20)
    while (try? workspace.answers().count) ?? 0 < k, Date() < deadline { usleep(20_000) }
    process.kill()
    #expect(try workspace.answers().count == k)
    let resumed = try workspace.take(":q\n")
    #expect(resumed.stdout.contains("continuing at question \(k + 1) of 6."))
  }

  /// A long import holds the store for longer than SQLite's busy timeout: the runner
  /// keeps the answer in hand, says it is waiting, and saves it when the store is free.
  @Test func anAnswerWaitsForAStoreHeldByAnotherProgram() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let process = try ReflectProcess.start(
      ["take", "habits", "--respondent", "ana", "--wave", "pre"], directory: workspace.folder)
    process.write(Data("4\n".utf8))
    let deadline = Date().addingTimeInterval(20)
    while (try? workspace.answers().count) ?? 0 < 1, Date() < deadline { usleep(20_000) }

    let held = DispatchSemaphore(value: 0)
    let released = DispatchSemaphore(value: 0)
    let store = try ReflectStore(path: workspace.store)
    DispatchQueue.global().async {
      try? store.importSessions(
        instrument: "other", version: "1", definitionSource: Array("<other/>".utf8),
        source: SessionSource(rawValue: "test")
      ) { _ in
        held.signal()
        Thread.sleep(forTimeInterval: ReflectStore.busyTimeout + 2)
      }
      released.signal()
    }
    held.wait()
    process.write(Data("2\n:q\n".utf8))
    let result = process.finish()
    released.wait()
    #expect(result.status == 0)
    #expect(
      result.stdout.contains(
        "Another program is writing to the store; waiting to save your answer…"))
    #expect(try workspace.answers() == ["q1": .choice("4"), "q2": .choice("2")])
  }

  @Test func ctrlCKeepsAnswersAndExitsWith130() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let process = try ReflectProcess.start(
      ["take", "habits", "--respondent", "ana", "--wave", "pre"], directory: workspace.folder)
    process.write(Data("4\n".utf8))
    let deadline = Date().addingTimeInterval(20)
    while (try? workspace.answers().count) ?? 0 < 1, Date() < deadline { usleep(20_000) }
    process.interrupt()
    let result = process.finish()
    #expect(result.status == 130)
    #expect(
      result.stderr.contains(
        "Your answers are saved. To continue, run: reflect take habits --respondent ana --wave pre")
    )
    #expect(try workspace.answers() == ["q1": .choice("4")])
  }

  @Test func aCompletedSessionIsNotOverwrittenWithoutRetake() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    #expect(try workspace.take("4\n2\n\n\n\n\ny\n").status == 0)
    let again = try workspace.take("5\n")
    #expect(again.status == 1)
    #expect(again.stderr.hasPrefix("ana already completed habits for wave pre on "))
    #expect(
      again.stderr.hasSuffix(
        "To take it again as a new session, add --retake (the newest completed session counts in analyses).\n"
      ))
    let retake = try workspace.take("5\n1\n\n\n\n\ny\n", ["--retake"])
    #expect(retake.status == 0)
    let store = try ReflectStore(path: workspace.store)
    #expect(try store.sessions(respondent: "ana").count == 2)
  }

  @Test func aSecondWaveShowsTheChangeSinceTheFirst() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    #expect(try workspace.take("4\n2\n\n\n\n\ny\n").status == 0)
    let post = try ReflectProcess.run(
      ["take", "habits", "--respondent", "ana", "--wave", "post"], input: "5\n1\n\n\n\n\ny\n",
      directory: workspace.folder)
    #expect(post.status == 0)
    // One person is no cohort, and the scale has no reference: the change can't be judged.
    #expect(
      post.stdout.hasSuffix(
        """
        Since your previous assessment (pre)
        Listening: 4.00 → 5.00, too early to say whether this is more than noise

        """))
  }

  @Test func twoPeopleAtOnceOnOneStore() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let people = ["ana", "ben"]
    let processes = try people.map { person in
      try ReflectProcess.start(
        ["take", "habits", "--respondent", person, "--wave", "pre"], directory: workspace.folder)
    }
    for process in processes { process.write(Data("4\n2\n3\n1\nmentee\nok\ny\n".utf8)) }
    let results = processes.map { $0.finish() }
    #expect(results.map(\.status) == [0, 0])
    let store = try ReflectStore(path: workspace.store)
    for person in people {
      let session = try #require(try store.sessions(respondent: person).first)
      #expect(session.status == .complete)
      #expect(try store.answers(of: session.id).count == 6)
    }
  }

  @Test func aResumedSessionUsesTheDefinitionItStartedWith() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    _ = try workspace.take("4\n:q\n")
    let file = workspace.folder.appendingPathComponent("instruments/habits.xml")
    try TakeCommandTests.instrument
      .replacingOccurrences(of: "I talk over others.", with: "I interrupt others.")
      .write(to: file, atomically: true, encoding: .utf8)
    let resumed = try workspace.take(":q\n")
    #expect(
      resumed.stdout.contains(
        "The instrument file has changed since this session started; continuing with the version it started with (1.0.0)."
      ))
    #expect(resumed.stdout.contains("[2/6] I talk over others."))
  }
}
