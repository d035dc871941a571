import ReflectCore
import ReflectFormats
import Testing

/// Reading a long CSV into `Responses`: values and labels, missing choices, and every
/// problem reported with its row and column, nothing half-loaded.
@Suite struct LongResponsesReaderTests {
  static let agree = ChoiceList(
    id: "agree5",
    choices: [
      Choice(value: "1", label: LocalizedText("Strongly disagree")),
      Choice(value: "2", label: LocalizedText("Disagree")),
      Choice(value: "3", label: LocalizedText("Neither")),
      Choice(value: "4", label: LocalizedText("Agree", translations: ["de": "Stimme zu"])),
      Choice(value: "5", label: LocalizedText("Strongly agree")),
      Choice(value: "0", label: LocalizedText("Not applicable"), isMissing: true),
    ])

  static let instrument = Instrument(
    id: "openness", version: "1.0.0", defaultLanguage: "en", title: LocalizedText("Openness"),
    choiceLists: [agree],
    sections: [
      Section(
        id: "s", title: LocalizedText("S"),
        elements: [
          .question(
            Question(id: "op01", kind: .rating(agree), prompt: LocalizedText("1"), isRequired: true)
          ),
          .question(
            Question(id: "op02", kind: .rating(agree), prompt: LocalizedText("2"), isRequired: true)
          ),
          .question(
            Question(
              id: "op03", kind: .number(min: 0, max: 50, integer: true), prompt: LocalizedText("3"),
              isRequired: false)),
          .question(
            Question(id: "op04", kind: .reflection, prompt: LocalizedText("4"), isRequired: false)),
        ])
    ])

  func read(_ text: String) throws(ResponsesReadError) -> Responses {
    try LongResponsesReader(instrument: Self.instrument).read(
      bytes: Array(text.utf8), file: "long.csv")
  }

  func problems(_ text: String) -> [String] {
    do {
      _ = try read(text)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  @Test func readsValuesLabelsAndMissingChoices() throws {
    let responses = try read(
      """
      respondent,wave,item,value,label
      p1,pre,op01,4,Agree\r
      p1,pre,op02,strongly DISAGREE,\r
      p1,pre,op03,12,\r
      p1,pre,op04,"I asked, twice",\r
      p2,pre,op01,Not applicable,\r
      p2,pre,op02,Stimme zu,\r
      p1,post,op01,5,\r

      """)
    #expect(responses.sessions.map(\.respondent) == ["p1", "p2", "p1"])
    #expect(responses.sessions.map(\.wave) == ["pre", "pre", "post"])
    #expect(responses.sessions.map(\.session) == ["p1-pre", "p2-pre", "p1-post"])
    #expect(responses.sessions.map(\.version) == ["1.0.0", "1.0.0", "1.0.0"])
    let op01 = try #require(responses.values(of: "op01"))
    #expect(op01[0] == 4 && op01[1].isNaN && op01[2] == 5)
    let op02 = try #require(responses.values(of: "op02"))
    #expect(op02[0] == 1 && op02[1] == 4 && op02[2].isNaN)
    #expect(responses.values(of: "op03")?[0] == 12)
    #expect(responses.values(of: "op04") == nil)
  }

  @Test func everyProblemWithRowAndColumn() {
    #expect(
      problems(
        """
        respondent,wave,item,value
        p1,pre,op01,Agreee
        p1,pre,op09,3
        p1,pre,op02,4
        p1,pre,op02,5
        p1,pre,op03,51
        p1,pre,op03,x
        ,pre,op01,3
        p2,,op01,3
        """) == [
          "long.csv: error: row 2, column value: 'Agreee' is not a choice of op01 (agree5); give one of the values 1, 2, 3, 4, 5, 0, or a choice's label",
          "long.csv: error: row 3, column item: 'op09' is not a question of openness; see `reflect show openness` for its ids",
          "long.csv: error: row 5, column item: a second answer to 'op02' in the same session (first at row 4); give each question once per respondent and wave",
          "long.csv: error: row 6, column value: 51 is outside what op03 accepts; give a whole number from 0 to 50",
          "long.csv: error: row 7, column item: a second answer to 'op03' in the same session (first at row 6); give each question once per respondent and wave",
          "long.csv: error: row 8, column respondent: the respondent id is empty",
          "long.csv: error: row 9, column wave: the wave is empty; give a label such as pre or post",
        ])
  }

  @Test func headerWithoutRequiredColumns() {
    #expect(
      problems("respondent,item,answer\np1,op01,4\n") == [
        "long.csv: error: row 1: the header lacks wave, value; a long CSV has the columns respondent,wave,item,value (and optionally session, instrument, version, label, answered_at)"
      ])
  }

  @Test func semicolonsBetweenColumns() {
    #expect(
      problems("respondent;wave;item;value\np1;pre;op01;4\n") == [
        "long.csv: error: row 1: the columns are separated by semicolons, not commas; save the file as CSV with commas (in Excel: CSV UTF-8 (Comma delimited)) and try again"
      ])
  }

  @Test func emptyFile() {
    #expect(
      problems("") == [
        "long.csv: error: the file is empty; a long CSV starts with the header respondent,wave,item,value"
      ])
  }

  @Test func theExportsFormulaQuoteIsRemovedFromIds() throws {
    let responses = try read("respondent,wave,item,value\n'+4477,'-pre,op01,2\n'x,pre,op01,3\n")
    #expect(responses.sessions.map(\.respondent) == ["+4477", "'x"])
    #expect(responses.sessions.map(\.wave) == ["-pre", "pre"])
  }

  @Test func idsLongerThanThePreviousRowCacheStillGroupRows() throws {
    // Ids of more than 64 bytes are not kept for comparing with the next row; their rows
    // are found through the index of sessions instead.
    let long = String(repeating: "x", count: 70)
    let responses = try read(
      """
      respondent,wave,session,item,value
      \(long),pre,\(long)s,op01,4
      \(long),pre,\(long)s,op02,2
      \(long)y,pre,s,op01,1
      \(long),pre,\(long)s,op03,7
      p1,pre,,op01,3
      p1,pre,,op02,5

      """)
    #expect(responses.sessions.map(\.respondent) == [long, long + "y", "p1"])
    #expect(responses.sessions.map(\.session) == [long + "s", "s", "p1-pre"])
    #expect(responses.values(of: "op01") == [4, 1, 3])
    #expect(responses.values(of: "op02")?[0] == 2)
    #expect(responses.values(of: "op03")?[0] == 7)
    #expect(responses.values(of: "op02")?[2] == 5)
  }

  @Test func everyRowOfAnotherInstrumentIsReportedThoughItRepeatsThePreviousRow() {
    // Rows 3 and 4 repeat the respondent, wave and instrument of the row before them,
    // which the reader then takes as the previous row's session without comparing: only
    // when that row was accepted.
    let rows = (1...6).map { "p9,post,openness,op0\($0 % 3 + 1),3\n" }.joined()
    #expect(
      problems(
        """
        respondent,wave,instrument,item,value
        p1,pre,openness,op01,4
        p1,pre,leadership,op02,2
        p1,pre,leadership,op03,7
        p1,pre,openness,op02,1
        p1,pre,openness,op03,1

        """ + rows) == [
          "long.csv: error: row 3, column instrument: 'leadership' is not the instrument being read ('openness'); export one instrument per file",
          "long.csv: error: row 4, column instrument: 'leadership' is not the instrument being read ('openness'); export one instrument per file",
          "long.csv: error: row 10, column item: a second answer to 'op02' in the same session (first at row 7); give each question once per respondent and wave",
          "long.csv: error: row 11, column item: a second answer to 'op03' in the same session (first at row 8); give each question once per respondent and wave",
          "long.csv: error: row 12, column item: a second answer to 'op01' in the same session (first at row 9); give each question once per respondent and wave",
        ])
  }

  @Test func byteOrderMarkIsIgnored() throws {
    let responses = try read("\u{FEFF}respondent,wave,item,value\np1,pre,op01,2\n")
    #expect(responses.values(of: "op01") == [2])
  }
}
