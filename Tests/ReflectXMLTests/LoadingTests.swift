import Foundation
import ReflectCore
import ReflectTestSupport
import ReflectXML
import Testing

/// Valid definitions load into the model the spec describes.
@Suite struct LoadingTests {
  static let specExample = #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <instrument xmlns="urn:reflect:instrument:1" id="openness" version="1.0.0" xml:lang="en">
      <title>Openness in practice</title>
      <title xml:lang="de">Offenheit in der Praxis</title>
      <description>How you seek out, hear and use other people's views.</description>
      <instructions>Think of the last three months at work. There are no right answers.</instructions>

      <choices id="agree5">
        <choice value="1">Strongly disagree</choice>
        <choice value="1" xml:lang="de">Stimme gar nicht zu</choice>
        <choice value="2">Disagree</choice>
        <choice value="3">Neither agree nor disagree</choice>
        <choice value="4">Agree</choice>
        <choice value="5">Strongly agree</choice>
        <choice value="0" missing="true">Not applicable</choice>
      </choices>

      <section id="feedback">
        <title>Seeking feedback</title>
        <guidance>Recall concrete moments,
          not intentions.</guidance>
        <rating id="op01" choices="agree5">
          <prompt>I ask colleagues how my work could be better.</prompt>
        </rating>
        <rating id="op02" choices="agree5">
          <prompt>I get defensive when someone questions my decisions.</prompt>
        </rating>
        <number id="op03" min="0" max="50" integer="true" required="false">
          <prompt>How many times did you ask for feedback last month?</prompt>
        </number>
        <reflection id="op04" required="false" show-if="op01 &gt;= 4">
          <prompt>Describe one piece of feedback that changed how you work.</prompt>
        </reflection>
      </section>

      <scoring>
        <scale id="feedback-seeking" method="mean" min-answered="0.75">
          <title>Feedback seeking</title>
          <item ref="op01"/>
          <item ref="op02" reverse="true"/>
          <bands>
            <band below="2.5" label="Emerging"><feedback>Start small.</feedback></band>
            <band below="3.75" label="Developing"><feedback>Keep going.</feedback></band>
            <band label="Established"><feedback>Share how.</feedback></band>
          </bands>
          <reference mean="3.41" sd="0.62" reliability="0.84" n="311" source="Pilot cohort, spring 2026"/>
        </scale>
        <composite id="openness" method="mean">
          <title>Openness overall</title>
          <scale ref="feedback-seeking"/>
        </composite>
      </scoring>
    </instrument>
    """#

  @Test func specExampleLoadsIntoTheModel() throws {
    let loaded = try InstrumentLoader.load(
      bytes: Array(Self.specExample.utf8), file: "openness.xml")
    let instrument = loaded.instrument
    #expect(instrument.id == "openness")
    #expect(instrument.version == "1.0.0")
    #expect(instrument.defaultLanguage == "en")
    #expect(
      instrument.title
        == LocalizedText("Openness in practice", translations: ["de": "Offenheit in der Praxis"]))
    #expect(instrument.languages == ["en", "de"])
    #expect(loaded.warnings.isEmpty)
    #expect(loaded.source == Array(Self.specExample.utf8))

    let agree = try #require(instrument.choiceLists.first)
    #expect(agree.id == "agree5")
    #expect(agree.choices.map(\.value) == ["1", "2", "3", "4", "5", "0"])
    #expect(agree.choices[0].label.text(in: "de") == "Stimme gar nicht zu")
    #expect(agree.choices[1].label.text(in: "de") == "Disagree")
    #expect(agree.choices.last?.isMissing == true)
    #expect(agree.numericRange == 1...5)

    let section = try #require(instrument.sections.first)
    #expect(section.guidance?.defaultText == "Recall concrete moments, not intentions.")
    #expect(instrument.questions.map(\.id) == ["op01", "op02", "op03", "op04"])
    #expect(instrument.questions.map(\.isRequired) == [true, true, false, false])
    #expect(instrument.questions[2].kind == .number(min: 0, max: 50, integer: true))
    #expect(
      instrument.questions[3].showIf
        == .compare(.question("op01"), .greaterOrEqual, .number(4)))

    let scale = try #require(instrument.scales.first)
    #expect(scale.minAnswered == .proportion(0.75))
    #expect(scale.minAnswered.required(outOf: 2) == 2)
    #expect(
      scale.items == [
        ScaleItem(questionID: "op01"), ScaleItem(questionID: "op02", isReversed: true),
      ])
    #expect(scale.bands.map(\.below) == [2.5, 3.75, nil])
    #expect(scale.bands.map(\.label) == ["Emerging", "Developing", "Established"])
    #expect(
      scale.reference
        == Reference(
          mean: 3.41, sd: 0.62, reliability: 0.84, n: 311, source: "Pilot cohort, spring 2026"))
    #expect(instrument.composites.map(\.scaleIDs) == [["feedback-seeking"]])
  }

  @Test(arguments: ["transparency", "openness", "leadership"])
  func shippedInstrumentLoads(_ id: String) throws {
    let loaded = try InstrumentCatalog(directory: Repository.path("instruments")).load(id)
    #expect(loaded.instrument.id == id)
    #expect(loaded.warnings.isEmpty)
    #expect((3...5).contains(loaded.instrument.scales.count))
    for scale in loaded.instrument.scales {
      #expect((4...6).contains(scale.items.count), "scale \(scale.id)")
      #expect(!scale.bands.isEmpty, "scale \(scale.id)")
    }
    #expect(!loaded.instrument.composites.isEmpty)
    for section in loaded.instrument.sections {
      #expect(section.questions.contains { $0.typeName == "reflection" }, "section \(section.id)")
    }
  }

  @Test func instrumentAuthorsExampleIsValid() throws {
    let example = try #require(try Repository.firstXMLBlock(inMarkdown: "instruments/README.md"))
    let loaded = try InstrumentLoader.load(
      bytes: Array(example.utf8), file: "instruments/README.md")
    #expect(!loaded.instrument.questions.isEmpty)
  }

  @Test func unknownIdNamesWhatIsAvailable() throws {
    #expect {
      _ = try InstrumentCatalog(directory: Repository.path("instruments")).load("opennes")
    } throws: { error in
      (error as? InstrumentLoadError)?.description
        == "opennes: error: no instrument 'opennes' in \(Repository.path("instruments"))/ (available: leadership, openness, transparency); give an id or a path to an .xml file, or choose the folder with --instruments"
    }
  }
}
