import ArgumentParser
import ReflectFormats
import ReflectXML

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show an instrument's outline: sections, questions, scales and keying.",
    discussion: """
      Examples:
        reflect show leadership
        reflect show openness --lang de
        reflect show instruments/openness.xml --format json
      """)

  @Argument(help: "An instrument id (looked up in --instruments) or a path to an .xml file.")
  var instrument: String

  @OptionGroup var instruments: InstrumentOptions

  @Option(help: "text for people, json for programs.")
  var format = Format<TextOrJSON>(.text)

  @Option(name: .customLong("lang"), help: "Show texts in this language where translated.")
  var language: String?

  func run() throws {
    let loaded = try instruments.load(instrument)
    switch format.value {
    case .json: print(InstrumentOutline.json(loaded.instrument, language: language))
    default: print(InstrumentOutline.text(loaded.instrument, language: language))
    }
  }
}
