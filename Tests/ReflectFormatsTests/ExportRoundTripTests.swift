import Foundation
import ReflectCore
import ReflectFormats
import Testing

/// The `long` file read back gives the same numbers; formulas are neutralised where a
/// spreadsheet would run them and numbers are left alone; accents survive with and
/// without a byte-order mark.
@Suite struct ExportRoundTripTests {
  /// The numeric answers of `responses`, session by session, `nil` for missing.
  func numbers(_ responses: Responses) -> [[Double?]] {
    responses.sessions.indices.map { row in
      responses.questionIDs.map { id in
        let value = responses.values(of: id)?[row] ?? .nan
        return value.isNaN ? nil : value
      }
    }
  }

  /// The sessions as scoring sees them when built straight from the values.
  func direct(_ instrument: Instrument, _ sessions: [ExportSession]) -> Responses {
    var responses = Responses(instrument: instrument)
    for session in sessions {
      responses.appendSession(
        SessionInfo(
          respondent: session.respondent, wave: session.wave, session: session.session,
          instrumentID: session.instrumentID, version: session.version),
        answers: SessionEngine(instrument: instrument, answers: session.answers).visibleAnswers)
    }
    return responses
  }

  @Test(arguments: [false, true])
  func longReadsBackToTheSameNumbers(byteOrderMark: Bool) throws {
    let export = ExportFixtures.export(
      ExportOptions(kinds: [.long], byteOrderMark: byteOrderMark))
    let bytes = try #require(export.files().first?.bytes)
    let read = try LongResponsesReader(instrument: ExportFixtures.instrument).read(
      bytes: bytes, file: "openness-long.csv")
    let expected = direct(ExportFixtures.instrument, ExportFixtures.sessions)
    #expect(read.questionIDs == ["op01", "op02", "hours"])
    #expect(numbers(read) == numbers(expected))
    #expect(numbers(read) == [[4, 2, 12], [5, 1, nil], [nil, 3, nil]])
    #expect(read.sessions.map(\.wave) == ["pre", "post", "pre"])
    #expect(read.sessions.map(\.session) == ["1", "2", "3"])
    #expect(read.sessions.prefix(2).map(\.respondent) == ["p1", "p1"])
    // And so the same scores.
    let scores = Scoring.score(read).map { $0.scores.map { $0.isNaN ? nil : $0 } }
    let expectedScores = Scoring.score(expected).map { $0.scores.map { $0.isNaN ? nil : $0 } }
    #expect(scores == expectedScores)
  }

  @Test func negativeChoiceValuesAndNumbersAreNumbersNotFormulas() throws {
    let bipolar = ChoiceList(
      id: "bipolar",
      choices: (-2...2).map { Choice(value: "\($0)", label: LocalizedText("v\($0)")) })
    let instrument = Instrument(
      id: "mood", version: "1", defaultLanguage: "en", title: LocalizedText("Mood"),
      choiceLists: [bipolar],
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: [
            .question(
              Question(
                id: "m1", kind: .rating(bipolar), prompt: LocalizedText("?"), isRequired: true)),
            .question(
              Question(
                id: "m2", kind: .number(min: -10, max: 10, integer: false),
                prompt: LocalizedText("?"), isRequired: true)),
          ])
      ])
    let sessions = [
      ExportSession(
        respondent: "-7", wave: "pre", session: "1", instrumentID: "mood", version: "1",
        answers: ["m1": .choice("-2"), "m2": .number(-1.5)])
    ]
    let export = Export(
      instrument: instrument, sessions: sessions, options: ExportOptions(kinds: [.long, .wide]))
    #expect(
      ExportFixtures.text("mood-long.csv", of: export)
        == crlf(
          """
          respondent,wave,session,instrument,version,item,value,label,answered_at
          '-7,pre,1,mood,1,m1,-2,v-2,
          '-7,pre,1,mood,1,m2,-1.5,,

          """))
    #expect(
      ExportFixtures.text("mood-wide.csv", of: export)
        == crlf(
          """
          respondent,wave,session,instrument,version,started_at,completed_at,status,m1,m2
          '-7,pre,1,mood,1,,,complete,-2,-1.5

          """))
    let bytes = try #require(export.files().first?.bytes)
    let read = try LongResponsesReader(instrument: instrument).read(bytes: bytes, file: "mood")
    #expect(numbers(read) == [[-2, -1.5]])
  }

  @Test(
    "text that a spreadsheet would run is neutralised in every CSV",
    arguments: ["openness-long.csv", "openness-wide.csv"])
  func formulas(file: String) throws {
    let text = try #require(ExportFixtures.text(file, of: ExportFixtures.export()))
    // A reflection that starts with `=`, and an id that starts with `+`.
    #expect(text.contains(",'=SUM(A1)"))
    #expect(text.contains("\r\n'+4477,"))
    #expect(!text.contains(",=SUM"))
    #expect(!text.contains("\r\n+4477"))
  }

  @Test func rosterAttributesAreNeutralisedToo() throws {
    let text = try #require(
      ExportFixtures.text("openness-scores.csv", of: ExportFixtures.export()))
    #expect(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","))
  }

  @Test func excelGetsAByteOrderMarkOnCSVFilesOnly() throws {
    let plain = ExportFixtures.export().files()
    let excel = ExportFixtures.export(ExportOptions(byteOrderMark: true)).files()
    let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    for (without, with) in zip(plain, excel) {
      if with.name.hasSuffix(".csv") {
        #expect(Array(with.bytes.prefix(3)) == mark, "\(with.name)")
        #expect(Array(with.bytes.dropFirst(3)) == without.bytes, "\(with.name)")
      } else {
        #expect(with.bytes == without.bytes, "\(with.name)")
      }
      #expect(Array(without.bytes.prefix(3)) != mark, "\(without.name)")
    }
  }

  @Test(arguments: [false, true])
  func accentsAreUTF8(byteOrderMark: Bool) throws {
    let export = ExportFixtures.export(
      ExportOptions(kinds: [.wide], byteOrderMark: byteOrderMark))
    let bytes = try #require(export.files().first?.bytes)
    // "Zürich": ü is C3 BC in UTF-8, whatever the mark.
    let zurich: [UInt8] = [0x5A, 0xC3, 0xBC, 0x72, 0x69, 0x63, 0x68]
    #expect(bytes.firstRange(of: zurich) != nil)
    let body = byteOrderMark ? Array(bytes.dropFirst(3)) : bytes
    #expect(String(validating: body, as: UTF8.self) != nil)
    #expect(String(decoding: body, as: UTF8.self).hasPrefix("respondent,"))
  }
}
