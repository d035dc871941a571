import Foundation
import ReflectCore

@testable import ReflectStore

/// A folder of its own for one test's store files, removed when the test ends.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A clock that starts at 2025-03-01T09:00:00Z and moves one second each time it is read.
final class SteppingClock: @unchecked Sendable {
  static let start = Date(timeIntervalSince1970: 1_740_819_600)
  private let lock = NSLock()
  private var next = SteppingClock.start

  func now() -> Date {
    lock.lock()
    defer { lock.unlock() }
    let time = next
    next += 1
    return time
  }
}

/// A store in a fresh folder, with a stepping clock.
struct StoreFixture {
  let folder: TemporaryFolder
  let clock = SteppingClock()
  let store: ReflectStore

  init() throws {
    folder = try TemporaryFolder()
    let clock = clock
    store = try ReflectStore(path: folder.path("reflect.sqlite"), now: { clock.now() })
  }

  var path: String { store.path }

  /// Another store on the same file, as a second process would open it.
  func reopen() throws -> ReflectStore {
    let clock = clock
    return try ReflectStore(path: path, now: { clock.now() })
  }

  /// Stores ``Sample/instrument``'s definition.
  func storeSample(version: String = "1.0", bytes: String = Sample.xml) throws -> DefinitionID {
    try store.storeDefinition(id: "sample", version: version, source: Array(bytes.utf8))
      .definition.id
  }
}

/// A small instrument with every question type, a `missing` option and a `show-if`.
enum Sample {
  static let xml = "<instrument id=\"sample\" version=\"1.0\"/>"

  static let agreement = ChoiceList(
    id: "agree",
    choices: [
      Choice(value: "1", label: LocalizedText("Disagree")),
      Choice(value: "2", label: LocalizedText("Neutral")),
      Choice(value: "3", label: LocalizedText("Agree")),
      Choice(value: "9", label: LocalizedText("Not applicable"), isMissing: true),
    ])

  static func rating(_ id: String, showIf: ReflectCore.Expression? = nil) -> Question {
    Question(
      id: id, kind: .rating(agreement), prompt: LocalizedText(id), isRequired: false,
      showIf: showIf)
  }

  /// `q1`–`q3` ratings, `hours` a number, `topics` a select multiple, `note` a
  /// reflection, `q4` a rating shown only if `q1 >= 2`.
  static let instrument = Instrument(
    id: "sample", version: "1.0", defaultLanguage: "en", title: LocalizedText("Sample"),
    choiceLists: [agreement],
    sections: [
      Section(
        id: "s1", title: LocalizedText("One"),
        elements: [
          .question(rating("q1")), .question(rating("q2")), .question(rating("q3")),
          .question(
            Question(
              id: "hours", kind: .number(min: 0, max: 100, integer: false),
              prompt: LocalizedText("Hours"), isRequired: false)),
          .question(
            Question(
              id: "topics",
              kind: .select(
                ChoiceList(
                  id: "topics",
                  choices: ["a", "b", "c"].map { Choice(value: $0, label: LocalizedText($0)) }),
                multiple: true, minCount: nil, maxCount: nil),
              prompt: LocalizedText("Topics"), isRequired: false)),
          .question(
            Question(
              id: "note", kind: .reflection, prompt: LocalizedText("Note"), isRequired: false)),
          .question(
            rating("q4", showIf: .compare(.question("q1"), .greaterOrEqual, .number(2)))),
        ])
    ])
}
