import ArgumentParser
import ReflectXML

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the XML Schema (XSD) of the instrument format, for editors.",
    discussion: """
      Example:
        reflect schema > reflect-instrument.xsd
      """)

  func run() {
    print(InstrumentSchema.xsd)
  }
}
