import ReflectCore
import ReflectXML
import Testing

/// A definition that breaks one rule (or several), and every diagnostic it must give.
struct BrokenDefinition: CustomTestStringConvertible, Sendable {
  var name: String
  var xml: String
  var expected: [String]

  var testDescription: String { name }
}

/// One case per rule of the format (see spec/instrument-format.md), each with the whole
/// message a person sees, its line and column included.
@Suite struct DiagnosticTests {
  static let cases: [BrokenDefinition] = [
    BrokenDefinition(
      name: "duplicate-id",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="q1" choices="agree"><prompt>Again</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"duplicate-id.xml:13:17: error: duplicate id 'q1', already used by a rating question at line 11, column 17; ids must be unique across the instrument (they become column names in exports)"#
      ]),
    BrokenDefinition(
      name: "id-shared-with-section",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <number id="s"><prompt>N</prompt></number>
          </section>
        </instrument>
        """#,
      expected: [
        #"id-shared-with-section.xml:13:17: error: duplicate id 's', already used by a section at line 9, column 16; ids must be unique across the instrument (they become column names in exports)"#
      ]),
    BrokenDefinition(
      name: "unknown-choices",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="q3" choices="agree7"><prompt>Three</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"unknown-choices.xml:13:30: error: choices 'agree7' is not defined; define it, or use one of: agree"#
      ]),
    BrokenDefinition(
      name: "unknown-item",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
              <item ref="q9"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"unknown-item.xml:19:18: error: item refers to 'q9', which is not a question in this instrument; scale items must be rating questions"#
      ]),
    BrokenDefinition(
      name: "item-not-rating",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <number id="n1"><prompt>N</prompt></number>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
              <item ref="n1"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"item-not-rating.xml:20:18: error: item refers to 'n1', a number question; scale items must be rating questions"#
      ]),
    BrokenDefinition(
      name: "reverse-without-range",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
                <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"reverse-without-range.xml:9:5: error: rating 'q1' uses choices 'agree', whose options are all missing; a rating needs at least one scored option"#,
        #"reverse-without-range.xml:16:22: error: item 'q2' is reverse-keyed, but its choices 'agree' have no numeric values to reverse"#,
      ]),
    BrokenDefinition(
      name: "rating-non-numeric",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="yes">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"rating-non-numeric.xml:11:30: error: rating 'q1' uses choices 'agree', whose option 'yes' is not a number; give every option of a rating a numeric value, or mark it missing="true""#
      ]),
    BrokenDefinition(
      name: "min-answered-count-too-big",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc" min-answered="3">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"min-answered-count-too-big.xml:15:20: error: min-answered="3" on scale 'sc' must be a count from 1 to its 2 items, or a proportion such as 0.75"#
      ]),
    BrokenDefinition(
      name: "min-answered-zero",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc" min-answered="0">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"min-answered-zero.xml:15:20: error: min-answered="0" on scale 'sc' must be a count from 1 to its 2 items, or a proportion such as 0.75"#
      ]),
    BrokenDefinition(
      name: "min-answered-proportion",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc" min-answered="1.5">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"min-answered-proportion.xml:15:20: error: min-answered="1.5" on scale 'sc' is not a proportion in (0, 1]; write a proportion such as 0.75 or a count such as 3"#
      ]),
    BrokenDefinition(
      name: "min-answered-zero-proportion",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc" min-answered="0.0">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"min-answered-zero-proportion.xml:15:20: error: min-answered="0.0" on scale 'sc' is not a proportion in (0, 1]; write a proportion such as 0.75 or a count such as 3"#
      ]),
    BrokenDefinition(
      name: "bands-not-increasing",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
              <bands>
                <band below="2" label="Low"/>
                <band below="1.5" label="Mid"/>
                <band label="High"/>
              </bands>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"bands-not-increasing.xml:21:15: error: band 'Mid' has below="1.5", not above the previous band's 2; order bands by strictly increasing below"#
      ]),
    BrokenDefinition(
      name: "bands-last-closed",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
              <bands>
                <band below="2" label="Low"/>
                <band below="3" label="High"/>
              </bands>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"bands-last-closed.xml:21:15: error: the last band 'High' has below="3"; the final band must be open (remove below) so that every score has a band"#
      ]),
    BrokenDefinition(
      name: "bands-open-in-middle",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
              <bands>
                <band label="Low"/>
                <band label="High"/>
              </bands>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"bands-open-in-middle.xml:20:9: error: band 'Low' has no below but is not the last band; only the final band is open"#
      ]),
    BrokenDefinition(
      name: "show-if-forward",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree" show-if="q2 &gt;= 2"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"show-if-forward.xml:11:46: error: show-if refers to 'q2', which comes later in the file; a condition may only use questions asked before it"#
      ]),
    BrokenDefinition(
      name: "show-if-self",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree" show-if="q2 = 1"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"show-if-self.xml:12:46: error: show-if of 'q2' refers to the question itself; a condition may only use questions asked before it"#
      ]),
    BrokenDefinition(
      name: "show-if-not-question",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree" show-if="s = 1"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"show-if-not-question.xml:12:46: error: show-if refers to 's', which is a section, not a question; a condition may only use questions asked before it"#
      ]),
    BrokenDefinition(
      name: "composite-self",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
            <composite id="all">
              <title>All</title>
              <scale ref="all"/>
            </composite>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"composite-self.xml:22:19: error: composite 'all' refers to itself; a composite combines scales"#
      ]),
    BrokenDefinition(
      name: "composite-of-composite",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
            <composite id="all">
              <title>All</title>
              <scale ref="sc"/>
            </composite>
            <composite id="all2">
              <title>All 2</title>
              <scale ref="all"/>
            </composite>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"composite-of-composite.xml:26:19: error: composite 'all2' refers to composite 'all'; a composite combines scales, not other composites"#
      ]),
    BrokenDefinition(
      name: "composite-unknown",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
            </scale>
            <composite id="all">
              <title>All</title>
              <scale ref="nope"/>
            </composite>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"composite-unknown.xml:22:19: error: composite 'all' refers to 'nope', which is not a scale of this instrument"#
      ]),
    BrokenDefinition(
      name: "text-without-default-language",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title xml:lang="de">T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"text-without-default-language.xml:3:3: error: <title> has no variant in the default language 'en'; add a <title> without xml:lang"#
      ]),
    BrokenDefinition(
      name: "prompt-without-default-language",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt xml:lang="de">Zwei</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"prompt-without-default-language.xml:12:37: error: <prompt> has no variant in the default language 'en'; add a <prompt> without xml:lang"#
      ]),
    BrokenDefinition(
      name: "missing-xml-lang",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"missing-xml-lang.xml:2:1: error: <instrument> needs xml:lang, the language every text has a variant in, e.g. xml:lang="en""#
      ]),
    BrokenDefinition(
      name: "bad-language-code",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <title xml:lang="english!">T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"bad-language-code.xml:4:20: error: xml:lang="english!" is not a language code; use a code such as en, de or fr-CH"#
      ]),
    BrokenDefinition(
      name: "reserved-id",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <reflection id="not"><prompt>R</prompt></reflection>
          </section>
        </instrument>
        """#,
      expected: [
        #"reserved-id.xml:13:21: error: 'not' is a reserved word of show-if conditions and cannot be an id; choose another id"#
      ]),
    BrokenDefinition(
      name: "xsd-unknown-element",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <ratin id="q3" choices="agree"><prompt>Three</prompt></ratin>
          </section>
        </instrument>
        """#,
      expected: [
        #"xsd-unknown-element.xml:13:5: error: <ratin> is not allowed here; did you mean <rating>?"#
      ]),
    BrokenDefinition(
      name: "xsd-missing-attribute",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="q3"><prompt>Three</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"xsd-missing-attribute.xml:13:5: error: <rating> needs the attribute choices="…""#
      ]),
    BrokenDefinition(
      name: "xsd-bad-id",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="Q3" choices="agree"><prompt>Three</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"xsd-bad-id.xml:13:13: error: id="Q3" on <rating> is not valid: an id starts with a lowercase letter and uses only a-z, 0-9, '-' and '_' (at most 64 characters)"#
      ]),
    BrokenDefinition(
      name: "xsd-bad-boolean",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="q3" choices="agree" required="yes"><prompt>Three</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"xsd-bad-boolean.xml:13:37: error: required="yes" on <rating> is not valid: write true or false"#
      ]),
    BrokenDefinition(
      name: "xsd-unknown-attribute",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="q3" choices="agree" colour="red"><prompt>Three</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"xsd-unknown-attribute.xml:13:37: error: <rating> has no attribute 'colour'; remove it or check its spelling"#
      ]),
    BrokenDefinition(
      name: "xsd-no-section",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
        </instrument>
        """#,
      expected: [
        #"xsd-no-section.xml:2:1: error: <instrument> is incomplete; expected one of <choices>, <section>"#
      ]),
    BrokenDefinition(
      name: "several-problems",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <rating id="q1" choices="agree"><prompt>Again</prompt></rating>
            <rating id="q4" choices="nope"><prompt>Four</prompt></rating>
          </section>
          <scoring>
            <scale id="sc">
              <title>Sc</title>
              <item ref="q1"/>
              <item ref="q2" reverse="true"/>
              <item ref="q9"/>
            </scale>
          </scoring>
        </instrument>
        """#,
      expected: [
        #"several-problems.xml:13:17: error: duplicate id 'q1', already used by a rating question at line 11, column 17; ids must be unique across the instrument (they become column names in exports)"#,
        #"several-problems.xml:14:30: error: choices 'nope' is not defined; define it, or use one of: agree"#,
        #"several-problems.xml:21:18: error: item refers to 'q9', which is not a question in this instrument; scale items must be rating questions"#,
      ]),
    BrokenDefinition(
      name: "select-min-without-multiple",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <select id="q3" choices="agree" min="1"><prompt>Three</prompt></select>
          </section>
        </instrument>
        """#,
      expected: [
        #"select-min-without-multiple.xml:13:37: error: min counts the options a person may choose, so it needs multiple="true" on select 'q3'"#
      ]),
    BrokenDefinition(
      name: "number-min-above-max",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
            <number id="q3" min="10" max="1"><prompt>Three</prompt></number>
          </section>
        </instrument>
        """#,
      expected: [
        #"number-min-above-max.xml:13:21: error: number 'q3' has min="10" above max="1"; min must not exceed max"#
      ]),
    BrokenDefinition(
      name: "duplicate-choice-value",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="1">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"duplicate-choice-value.xml:6:13: error: choices 'agree' has the value '1' twice; each option needs its own value"#
      ]),
    BrokenDefinition(
      name: "wrong-namespace",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:example:survey" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"wrong-namespace.xml:2:1: error: not a Reflect instrument: expected root `instrument` in namespace `urn:reflect:instrument:1`, found `instrument` in namespace `urn:example:survey`"#
      ]),
    BrokenDefinition(
      name: "show-if-unknown",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree" show-if="q1 = 1 and qx = 2"><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"show-if-unknown.xml:12:57: error: show-if refers to 'qx', which is not a question in this instrument"#
      ]),
    BrokenDefinition(
      name: "show-if-syntax",
      xml: #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <instrument xmlns="urn:reflect:instrument:1" id="t" version="1" xml:lang="en">
          <title>T</title>
          <choices id="agree">
            <choice value="1">No</choice>
            <choice value="2">Yes</choice>
            <choice value="0" missing="true">Not applicable</choice>
          </choices>
          <section id="s">
            <title>S</title>
            <rating id="q1" choices="agree"><prompt>One</prompt></rating>
            <rating id="q2" choices="agree" show-if="q1 &gt;= "><prompt>Two</prompt></rating>
          </section>
        </instrument>
        """#,
      expected: [
        #"show-if-syntax.xml:12:55: error: show-if: expected an answer value after '>=', found the end of the condition"#
      ]),
  ]

  @Test(arguments: cases)
  func reportsEveryProblemWithItsLocation(_ definition: BrokenDefinition) {
    let file = "\(definition.name).xml"
    #expect(throws: InstrumentLoadError.self) {
      _ = try InstrumentLoader.load(bytes: Array(definition.xml.utf8), file: file)
    }
    do {
      _ = try InstrumentLoader.load(bytes: Array(definition.xml.utf8), file: file)
    } catch {
      #expect(error.diagnostics.map(\.description) == definition.expected)
    }
  }
}
