import Foundation
import Testing

@testable import ReflectStore

@Suite struct ConcurrencyTests {
  /// Two stores on one file, as two `reflect take` processes would have, writing answers
  /// for different sessions at the same time from several threads.
  @Test func concurrentWritersFromTwoStoresAllLand() async throws {
    let fixture = try StoreFixture()
    let stores = [fixture.store, try fixture.reopen()]
    let definition = try fixture.storeSample()
    let people = 8
    let questions = 30
    var sessions: [SessionID] = []
    for person in 0..<people {
      sessions.append(
        try stores[person % 2].startSession(
          respondent: "p\(person)", definition: definition, wave: "pre"
        ).id)
    }
    let started = sessions
    try await withThrowingTaskGroup(of: Void.self) { group in
      for person in 0..<people {
        group.addTask {
          let store = stores[person % 2]
          for question in 0..<questions {
            try store.recordAnswer(
              session: started[person], question: "q\(question)",
              value: .number(Double(person * 100 + question)))
          }
          try store.complete(started[person])
        }
      }
      try await group.waitForAll()
    }

    let reader = try fixture.reopen()
    for person in 0..<people {
      let answers = try reader.answers(of: sessions[person])
      #expect(answers.count == questions)
      #expect(answers["q7"] == .number(Double(person * 100 + 7)))
      #expect(try reader.answerLog(of: sessions[person]).count == questions)
      #expect(try reader.session(sessions[person])?.status == .complete)
    }
  }
}
