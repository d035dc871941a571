import ArgumentParser
import ReflectFormats
import ReflectXML

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the instruments found.",
    discussion: """
      Examples:
        reflect list
        reflect list --instruments ~/surveys --format json
      """)

  @OptionGroup var instruments: InstrumentOptions

  @Option(help: "text for people, json for programs.")
  var format = Format<TextOrJSON>(.text)

  func run() throws {
    let catalog = instruments.catalog
    var loaded: [LoadedInstrument] = []
    var failed = false
    for file in catalog.files() {
      do {
        loaded.append(try InstrumentLoader.load(path: file))
      } catch {
        Terminal.error("\(file): skipped, it has errors (run `reflect validate \(file)`)")
        failed = true
      }
    }
    if loaded.isEmpty, !failed {
      Terminal.error(
        "no instruments in \(catalog.directory)/; add .xml files there or use --instruments")
    }
    switch format.value {
    case .json:
      print(InstrumentOutline.listingJSON(loaded.map { ($0.instrument, $0.file) }))
    default:
      if !loaded.isEmpty { print(InstrumentOutline.listing(loaded.map(\.instrument))) }
    }
    if failed { throw ExitCode(1) }
  }
}
