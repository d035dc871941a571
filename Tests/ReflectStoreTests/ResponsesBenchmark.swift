import Foundation
import GRDB
import ReflectCore
import Testing

@testable import ReflectStore

/// Times ``ReflectStore/responses(instrument:wave:)`` on a generated cohort of 100,000
/// people × 2 waves × 30 items. Not a timed test: it runs only when
/// `REFLECT_STORE_BENCHMARK` names a store file (generated on the first run, reused after),
/// and prints what it measured. In a release build:
///
///     REFLECT_STORE_BENCHMARK=/tmp/reflect-benchmark.sqlite \
///       swift test -c release -Xswiftc -enable-testing --filter ResponsesBenchmark
@Suite struct ResponsesBenchmark {
  static let path = ProcessInfo.processInfo.environment["REFLECT_STORE_BENCHMARK"]
  static let people = 100_000
  static let items = 30
  static let waves = ["pre", "post"]

  static let scale = ChoiceList(
    id: "scale",
    choices: (1...5).map { Choice(value: "\($0)", label: LocalizedText("\($0)")) }
      + [Choice(value: "9", label: LocalizedText("Not applicable"), isMissing: true)])

  static let instrument = Instrument(
    id: "benchmark", version: "1", defaultLanguage: "en", title: LocalizedText("Benchmark"),
    choiceLists: [scale],
    sections: [
      Section(
        id: "all", title: LocalizedText("All"),
        elements: (1...items).map { item in
          .question(
            Question(
              id: String(format: "item%02d", item), kind: .rating(scale),
              prompt: LocalizedText("Item \(item)"), isRequired: true))
        })
    ])

  @Test(.enabled(if: path != nil)) func loadALargeCohort() throws {
    let path = try #require(Self.path)
    let wall = ContinuousClock()
    let generate = !FileManager.default.fileExists(atPath: path)
    let store = try ReflectStore(path: path)
    if generate {
      let elapsed = try wall.measure { try Self.generate(store) }
      print("generated \(path) in \(elapsed)")
    }
    // REFLECT_STORE_BENCHMARK_RUNS=0 only opens (and, the first time, generates) the store:
    // a baseline for counting instructions with `perf stat`.
    let runs =
      ProcessInfo.processInfo.environment["REFLECT_STORE_BENCHMARK_RUNS"]
      .flatMap { Int($0) } ?? 3
    guard runs > 0 else { return }
    for _ in 1...runs {
      var count = 0
      let cpu = clock()
      let elapsed = try wall.measure {
        count = try store.responses(instrument: Self.instrument).count
      }
      print(
        "responses(instrument:): \(count) sessions × \(Self.items) items in \(elapsed)"
          + " (CPU \(Self.seconds(since: cpu)))")
    }
    // What SQLite alone spends on the same query, stepped without reading a column: the
    // floor for any loader.
    let stepping = clock()
    let rows = try store.pool.read { db in
      let statement = try db.makeStatement(sql: ResponsesPlan.sql(wave: false))
      let cursor = try Row.fetchCursor(statement, arguments: [Self.instrument.id])
      var count = 0
      while try cursor.next() != nil { count += 1 }
      return count
    }
    print(
      "SQLite stepping the same query alone: \(rows) rows (CPU \(Self.seconds(since: stepping)))")
    let cpu = clock()
    let elapsed = try wall.measure {
      _ = try store.responses(instrument: Self.instrument, wave: "post")
    }
    print("responses(instrument:wave: \"post\") in \(elapsed) (CPU \(Self.seconds(since: cpu)))")
  }

  /// The process's CPU time since `start`, in seconds: on a shared machine, a steadier
  /// figure than the elapsed time.
  static func seconds(since start: clock_t) -> String {
    String(format: "%.2f s", Double(clock() - start) / Double(CLOCKS_PER_SEC))
  }

  /// Every person in both waves, 1 in 50 answers "Not applicable", 1 in 20 people took
  /// the pre wave twice (the second counts). A fixed-seed generator keeps it reproducible.
  static func generate(_ store: ReflectStore) throws {
    let definition = try store.storeDefinition(
      id: "benchmark", version: "1", source: Array("<benchmark/>".utf8)
    ).definition.id
    var random = SplitMix64(seed: 2025)
    let batch = 10_000
    for first in stride(from: 0, to: people, by: batch) {
      var sessions: [ImportedSession] = []
      for person in first..<min(first + batch, people) {
        for wave in waves {
          let takes = wave == "pre" && person % 20 == 0 ? 2 : 1
          for _ in 0..<takes {
            var answers: [String: AnswerValue] = [:]
            for item in 1...items {
              let value = random.next() % 50 == 0 ? 9 : 1 + Int(random.next() % 5)
              answers[String(format: "item%02d", item)] = .choice("\(value)")
            }
            sessions.append(
              ImportedSession(respondent: "p\(person)", wave: wave, answers: answers))
          }
        }
      }
      try store.importSessions(
        sessions, definition: definition, source: SessionSource(rawValue: "benchmark"))
    }
  }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
