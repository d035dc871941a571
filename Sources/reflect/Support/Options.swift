import ArgumentParser
import Foundation
import ReflectXML

/// Where instrument ids are looked up; shared by every command that takes one.
struct InstrumentOptions: ParsableArguments {
  @Option(
    name: .customLong("instruments"),
    help: ArgumentHelp(
      "The folder where instrument ids are looked up (env REFLECT_INSTRUMENTS).",
      valueName: "dir"))
  var directory: String?

  var catalog: InstrumentCatalog {
    InstrumentCatalog(
      directory: directory ?? ProcessInfo.processInfo.environment["REFLECT_INSTRUMENTS"]
        ?? "instruments")
  }
}

/// Output formats; each command accepts the ones that make sense for it.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, csv, html
}
