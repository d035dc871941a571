import Foundation
import ReflectCore
import ReflectFormats
import Testing

/// `text` with CSV line ends: every `\n` becomes `\r\n`.
func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

/// Every export file of a small cohort, asserted whole, and the same bytes every time.
@Suite struct ExportSnapshotTests {
  let export = ExportFixtures.export()

  func file(_ name: String) -> String {
    ExportFixtures.text(name, of: export) ?? "<no \(name)>"
  }

  @Test func namesEveryFileAfterTheInstrument() {
    #expect(
      export.fileNames == [
        "openness-long.csv", "openness-wide.csv", "openness-scores.csv", "openness-growth.csv",
        "openness-codebook.csv", "openness-codebook.md", "openness.json",
      ])
    let some = ExportFixtures.export(ExportOptions(kinds: [.json, .codebook]))
    #expect(some.fileNames == ["openness-codebook.csv", "openness-codebook.md", "openness.json"])
  }

  @Test func long() {
    // Only the answers that count: session 3's `story` is hidden by `op01 >= 4`.
    #expect(
      file("openness-long.csv")
        == crlf(
          #"""
          respondent,wave,session,instrument,version,item,value,label,answered_at
          p1,pre,1,openness,1.0.0,op01,4,Agree,2025-01-10T09:01:00Z
          p1,pre,1,openness,1.0.0,op02,2,Disagree,
          p1,pre,1,openness,1.0.0,hours,12,,
          p1,pre,1,openness,1.0.0,role,mentee,Mentee,
          p1,pre,1,openness,1.0.0,focus,1;3,"Feedback;Trust, safety",
          p1,pre,1,openness,1.0.0,story,"I asked, twice ""openly""",,2025-01-10T09:11:00Z
          p1,post,2,openness,1.0.0,op01,5,Strongly agree,
          p1,post,2,openness,1.0.0,op02,1,Strongly disagree,
          p1,post,2,openness,1.0.0,role,mentee,Mentee,
          p1,post,2,openness,1.0.0,story,'=SUM(A1),,
          '+4477,pre,3,openness,1.0.0,op01,0,Not applicable,
          '+4477,pre,3,openness,1.0.0,op02,3,Neither,
          '+4477,pre,3,openness,1.0.0,role,mentor,Mentor,

          """#))
  }

  @Test func wide() {
    // The roster's `role` meets the question `role`, so it becomes `roster_role`.
    #expect(
      file("openness-wide.csv")
        == crlf(
          #"""
          respondent,roster_role,mentor,cohort,site,wave,session,instrument,version,started_at,completed_at,status,op01,op02,hours,role,focus,story
          p1,mentee,m1,2025,Zürich,pre,1,openness,1.0.0,2025-01-10T09:00:00Z,2025-01-10T09:12:00Z,complete,4,2,12,mentee,1;3,"I asked, twice ""openly"""
          p1,mentee,m1,2025,Zürich,post,2,openness,1.0.0,2025-06-10T09:00:00Z,2025-06-10T09:10:00Z,complete,5,1,,mentee,,'=SUM(A1)
          '+4477,,,2025,"'=HYPERLINK(""x"")",pre,3,openness,1.0.0,2025-01-11T10:00:00Z,,open,0,3,,mentor,,

          """#))
  }

  @Test func scores() {
    // Φ(1) = 0.841344746…, Φ(2) = 0.977249868… (scipy.stats.norm.cdf).
    #expect(
      file("openness-scores.csv")
        == crlf(
          #"""
          respondent,roster_role,mentor,cohort,site,wave,session,scale,kind,score,pomp,band,answered,items,z,t,percentile
          p1,mentee,m1,2025,Zürich,pre,1,openness,scale,4,75,high,2,2,1,60,84.134475
          p1,mentee,m1,2025,Zürich,pre,1,overall,composite,4,75,,1,1,,,
          p1,mentee,m1,2025,Zürich,post,2,openness,scale,5,100,high,2,2,2,70,97.724987
          p1,mentee,m1,2025,Zürich,post,2,overall,composite,5,100,,1,1,,,
          '+4477,,,2025,"'=HYPERLINK(""x"")",pre,3,openness,scale,3,50,low,1,2,0,50,50
          '+4477,,,2025,"'=HYPERLINK(""x"")",pre,3,overall,composite,3,50,,1,1,,,

          """#))
  }

  @Test func growth() {
    #expect(
      file("openness-growth.csv")
        == crlf(
          #"""
          respondent,roster_role,mentor,cohort,site,scale,from,to,score_from,score_to,change,rci,classification
          p1,mentee,m1,2025,Zürich,openness,pre,post,4,5,1,1.581139,unchanged

          """#))
  }

  @Test func codebookCSV() {
    #expect(
      file("openness-codebook.csv")
        == crlf(
          #"""
          variable,label,type,values,scale,reversed,required,show_if
          respondent,Respondent id,id,,,,,
          roster_role,Role in the programme (roster),text,,,,,
          mentor,The respondent's mentor's id (roster),id,,,,,
          cohort,Cohort (roster),text,,,,,
          site,Roster attribute site,text,,,,,
          wave,"Wave (such as pre, post, follow-up, or a date)",text,,,,,
          session,"Session id, unique in the export",id,,,,,
          instrument,Instrument id,text,openness,,,,
          version,Instrument version the session was taken with,text,,,,,
          started_at,When the session started (ISO 8601),timestamp,,,,,
          completed_at,When the session was submitted (ISO 8601); empty while it is open,timestamp,,,,,
          status,Session status,text,open = not submitted yet; complete = submitted,,,,
          op01,I ask for feedback.,rating,"1 = Strongly disagree; 2 = Disagree; 3 = Neither; 4 = Agree; 5 = Strongly agree; 0 = Not applicable (missing: recorded, not scored)",openness,no,yes,
          op02,I avoid hard conversations.,rating,"1 = Strongly disagree; 2 = Disagree; 3 = Neither; 4 = Agree; 5 = Strongly agree; 0 = Not applicable (missing: recorded, not scored)",openness,yes,yes,
          hours,Hours of mentoring so far,number,whole number from 0 to 50,,,no,
          role,Your role,select,mentor = Mentor; mentee = Mentee,,,yes,
          focus,What did you work on?,select-multiple,"1 to 2 of (values joined by ;): 1 = Feedback; 2 = Listening; 3 = Trust, safety",,,no,role
          story,When did you speak up? | Describe it.,reflection,free text,,,no,role and op01 >= 4
          openness,Openness,scale,1 to 5; bands: low below 3.5; high from 3.5,,,,
          overall,Overall,composite,1 to 5,openness,,,

          """#))
  }

  @Test func codebookMarkdown() {
    #expect(
      file("openness-codebook.md")
        == #"""
        # Codebook: Openness (`openness` 1.0.0)

        The variables of `openness-wide.csv` (one row per session), whose question columns are also the `item`s of `openness-long.csv`. Missing answers are empty cells.

        ## Session

        | variable | label | type | values | scale | reversed | required | show_if |
        |---|---|---|---|---|---|---|---|
        | `respondent` | Respondent id | id |  |  |  |  |  |
        | `roster_role` | Role in the programme (roster) | text |  |  |  |  |  |
        | `mentor` | The respondent's mentor's id (roster) | id |  |  |  |  |  |
        | `cohort` | Cohort (roster) | text |  |  |  |  |  |
        | `site` | Roster attribute site | text |  |  |  |  |  |
        | `wave` | Wave (such as pre, post, follow-up, or a date) | text |  |  |  |  |  |
        | `session` | Session id, unique in the export | id |  |  |  |  |  |
        | `instrument` | Instrument id | text | openness |  |  |  |  |
        | `version` | Instrument version the session was taken with | text |  |  |  |  |  |
        | `started_at` | When the session started (ISO 8601) | timestamp |  |  |  |  |  |
        | `completed_at` | When the session was submitted (ISO 8601); empty while it is open | timestamp |  |  |  |  |  |
        | `status` | Session status | text | open = not submitted yet; complete = submitted |  |  |  |  |

        ## Section 1: About you (`about`)

        | variable | label | type | values | scale | reversed | required | show_if |
        |---|---|---|---|---|---|---|---|
        | `op01` | I ask for feedback. | rating | 1 = Strongly disagree; 2 = Disagree; 3 = Neither; 4 = Agree; 5 = Strongly agree; 0 = Not applicable (missing: recorded, not scored) | openness | no | yes |  |
        | `op02` | I avoid hard conversations. | rating | 1 = Strongly disagree; 2 = Disagree; 3 = Neither; 4 = Agree; 5 = Strongly agree; 0 = Not applicable (missing: recorded, not scored) | openness | yes | yes |  |
        | `hours` | Hours of mentoring so far | number | whole number from 0 to 50 |  |  | no |  |
        | `role` | Your role | select | mentor = Mentor; mentee = Mentee |  |  | yes |  |

        ## Section 2: Looking back (`reflect`)

        Shown only if `role`.

        | variable | label | type | values | scale | reversed | required | show_if |
        |---|---|---|---|---|---|---|---|
        | `focus` | What did you work on? | select-multiple | 1 to 2 of (values joined by ;): 1 = Feedback; 2 = Listening; 3 = Trust, safety |  |  | no | `role` |
        | `story` | When did you speak up? \| Describe it. | reflection | free text |  |  | no | `role and op01 >= 4` |

        ## Scoring rules

        Scores are in `openness-scores.csv`, one row per session and scale. Items are scored as answered, except that a reversed item counts as (lowest + highest − answer) of its choices; choices marked missing count as unanswered. `pomp` is the percent of the maximum possible: 100 × (score − lowest) / (highest − lowest).

        ### `openness`: Openness

        - The weighted mean of 2 items: `op01`, `op02` (reversed).
        - At least 1 of the 2 items must be answered; otherwise the score is empty.
        - From 1 to 5; higher is better.
        - Bands: low below 3.5; high from 3.5.
        - Reference: mean 3, SD 1, reliability 0.8, n 200, Pilot 2024.
        - Norms: z = (score − 3) / 1, t = 50 + 10 z, percentile = 100 Φ(z).

        ### `overall`: Overall (composite)

        - The mean of the scales `openness`; empty when any of them is empty.
        - From 1 to 5; higher is better.

        """#)
  }

  @Test func jsonOfASmallExport() {
    let yesNo = ChoiceList(
      id: "yn",
      choices: [
        Choice(value: "0", label: LocalizedText("No")),
        Choice(value: "1", label: LocalizedText("Yes")),
      ])
    let instrument = Instrument(
      id: "tiny", version: "2", defaultLanguage: "en", title: LocalizedText("Tiny"),
      choiceLists: [yesNo],
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: [
            .question(
              Question(
                id: "q1", kind: .rating(yesNo), prompt: LocalizedText("Q?"), isRequired: true))
          ])
      ],
      scales: [Scale(id: "sc", title: LocalizedText("Sc"), items: [ScaleItem(questionID: "q1")])])
    let export = Export(
      instrument: instrument,
      sessions: [
        ExportSession(
          respondent: "a", wave: "pre", session: "7", instrumentID: "tiny", version: "2",
          completedAt: "2025-02-01T08:00:00Z", answers: ["q1": .choice("1")])
      ],
      roster: ExportRoster(["a": ["cohort": "Ødegård"]]),
      options: ExportOptions(kinds: [.json]))
    #expect(
      ExportFixtures.text("tiny.json", of: export)
        == #"""
        {
          "free_text" : true,
          "growth" : [],
          "instrument" : {
            "choices" : [
              {
                "choices" : [
                  {
                    "label" : "No",
                    "missing" : false,
                    "value" : "0"
                  },
                  {
                    "label" : "Yes",
                    "missing" : false,
                    "value" : "1"
                  }
                ],
                "id" : "yn"
              }
            ],
            "id" : "tiny",
            "language" : "en",
            "languages" : [
              "en"
            ],
            "scales" : [
              {
                "bands" : [

                ],
                "direction" : "higher-is-better",
                "id" : "sc",
                "items" : [
                  {
                    "item" : "q1",
                    "reverse" : false,
                    "weight" : 1
                  }
                ],
                "kind" : "scale",
                "method" : "mean",
                "min_answered" : 1,
                "title" : "Sc"
              }
            ],
            "sections" : [
              {
                "id" : "s",
                "questions" : [
                  {
                    "choices" : "yn",
                    "hint" : null,
                    "id" : "q1",
                    "prompt" : "Q?",
                    "required" : true,
                    "show_if" : null,
                    "type" : "rating"
                  }
                ],
                "show_if" : null,
                "title" : "S"
              }
            ],
            "title" : "Tiny",
            "version" : "2"
          },
          "pseudonymized" : false,
          "roster" : [
            {
              "attributes" : {
                "cohort" : "Ødegård"
              },
              "respondent" : "a"
            }
          ],
          "scores" : [
            {
              "answered" : 1,
              "band" : null,
              "items" : 1,
              "kind" : "scale",
              "percentile" : null,
              "pomp" : 100,
              "respondent" : "a",
              "scale" : "sc",
              "score" : 1,
              "session" : "7",
              "t" : null,
              "wave" : "pre",
              "z" : null
            }
          ],
          "sessions" : [
            {
              "answers" : [
                {
                  "answered_at" : null,
                  "item" : "q1",
                  "label" : "Yes",
                  "value" : 1
                }
              ],
              "completed_at" : "2025-02-01T08:00:00Z",
              "instrument" : "tiny",
              "respondent" : "a",
              "session" : "7",
              "started_at" : null,
              "status" : "complete",
              "version" : "2",
              "wave" : "pre"
            }
          ]
        }

        """#)
  }

  @Test func theFullJSONDocumentParsesWithEveryPart() throws {
    let data = Data(try #require(ExportFixtures.text("openness.json", of: export)).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(
      object.keys.sorted() == [
        "free_text", "growth", "instrument", "pseudonymized", "roster", "scores", "sessions",
      ])
    #expect((object["sessions"] as? [Any])?.count == 3)
    #expect((object["scores"] as? [Any])?.count == 6)
    #expect((object["growth"] as? [Any])?.count == 1)
    // m1 has no session here, so the roster lists the two people who have.
    #expect((object["roster"] as? [Any])?.count == 2)
  }

  @Test func everyWriterGivesTheSameBytesEveryTime() {
    let first = export.files()
    for _ in 0..<3 {
      // A new export from the same values: dictionaries of answers and attributes are
      // built afresh, so an order that leaked from them would show here.
      #expect(ExportFixtures.export().files() == first)
    }
  }

  @Test func anEmptyExportHasHeadersOnly() {
    let export = Export(instrument: ExportFixtures.instrument, sessions: [])
    #expect(
      ExportFixtures.text("openness-long.csv", of: export)
        == crlf("respondent,wave,session,instrument,version,item,value,label,answered_at\n"))
    #expect(
      ExportFixtures.text("openness-wide.csv", of: export)
        == crlf(
          "respondent,wave,session,instrument,version,started_at,completed_at,status,op01,op02,hours,role,focus,story\n"
        ))
    #expect(
      ExportFixtures.text("openness-growth.csv", of: export)
        == crlf("respondent,scale,from,to,score_from,score_to,change,rci,classification\n"))
  }

  @Test func whatListsParseInTheirOwnOrder() throws {
    #expect(try ExportKind.parseList("json, long,long") == [.long, .json])
    #expect(try ExportKind.parseList("codebook") == [.codebook])
    #expect(throws: ExportError.self) { try ExportKind.parseList("long,pdf") }
    do {
      _ = try ExportKind.parseList("long,pdf")
    } catch {
      #expect(
        error.description
          == "error: 'pdf' is not a kind of export; give one or more of long,wide,scores,growth,codebook,json"
      )
    }
  }
}
