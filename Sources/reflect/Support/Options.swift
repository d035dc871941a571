import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectStore
import ReflectXML

/// Where instrument ids are looked up; shared by every command that takes one.
struct InstrumentOptions: ParsableArguments {
  @Option(
    name: .customLong("instruments"),
    help: ArgumentHelp(
      "The folder where instrument ids are looked up (env REFLECT_INSTRUMENTS).",
      valueName: "dir"))
  var directory: String?

  /// Loads an instrument named by id or path; prints its problems and exits with
  /// status 1 when it has any, and prints its warnings.
  func load(_ argument: String) throws -> LoadedInstrument {
    do {
      let loaded = try catalog.load(argument)
      for warning in loaded.warnings { Terminal.error(warning.description) }
      return loaded
    } catch {
      throw error.report()
    }
  }

  var catalog: InstrumentCatalog {
    InstrumentCatalog(
      directory: directory ?? ProcessInfo.processInfo.environment["REFLECT_INSTRUMENTS"]
        ?? "instruments")
  }
}

/// Output formats; each command accepts the ones that make sense for it (see `Format`).
enum OutputFormat: String {
  case text, json, csv, html
}

/// The formats a command accepts for `--format`.
protocol AcceptedFormats {
  static var formats: [OutputFormat] { get }
}

enum TextOrJSON: AcceptedFormats {
  static let formats: [OutputFormat] = [.text, .json]
}

enum TextJSONOrCSV: AcceptedFormats {
  static let formats: [OutputFormat] = [.text, .json, .csv]
}

enum TextJSONOrHTML: AcceptedFormats {
  static let formats: [OutputFormat] = [.text, .json, .html]
}

enum AnyFormat: AcceptedFormats {
  static let formats: [OutputFormat] = [.text, .json, .csv, .html]
}

/// A `--format` value among those `Accepted` lists: the command's help shows only those,
/// and the parser refuses any other with them ("Please provide one of 'text' and 'json'"),
/// so that no command advertises a format it then refuses.
struct Format<Accepted: AcceptedFormats>: ExpressibleByArgument {
  let value: OutputFormat

  init(_ value: OutputFormat) { self.value = value }

  init?(argument: String) {
    guard let format = OutputFormat(rawValue: argument), Accepted.formats.contains(format)
    else { return nil }
    value = format
  }

  static var allValueStrings: [String] { Accepted.formats.map(\.rawValue) }

  var defaultValueDescription: String { value.rawValue }
}

/// The instrument and where its answers come from, for the analysis commands: a long
/// CSV with `--responses`, else the store.
struct ResponsesOptions: ParsableArguments {
  @Option(help: "An instrument id or a path to an .xml file.")
  var instrument: String

  @Option(
    help: ArgumentHelp("A long CSV of answers, instead of the store.", valueName: "file.csv"))
  var responses: String?

  @OptionGroup var instruments: InstrumentOptions
  @OptionGroup var store: StoreOptions

  /// Where the answers come from, for messages.
  var source: String { responses ?? store.resolvedPath }

  /// The instrument's answers; prints the problems and exits 1 when they can't be read.
  func load() throws -> Responses {
    let loaded = try instruments.load(instrument)
    if let responses {
      do {
        return try LongResponsesReader(instrument: loaded.instrument).read(path: responses)
      } catch {
        for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
        throw ExitCode(1)
      }
    }
    let database = try store.open()
    do {
      return try database.responses(instrument: loaded.instrument)
    } catch {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }
}

/// Where an HTML report goes (`-o FILE`), for the commands that draw one.
struct ReportOutputOptions: ParsableArguments {
  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: ArgumentHelp(
      "The file for --format html (written whole, then renamed).", valueName: "file"))
  var path: String?

  /// `-o` goes with `--format html`, and `--format html` needs `-o`.
  func validate(format: OutputFormat) throws {
    if format == .html, path == nil {
      throw ValidationError("--format html writes a file: give it with -o FILE (or --output FILE)")
    }
    if format != .html, path != nil {
      throw ValidationError(
        "-o/--output is for --format html; other formats print to standard output")
    }
  }

  /// Writes `html` to the file and prints its path; exit 1 when it can't be written.
  func write(_ html: String) throws {
    guard let path else { throw ExitCode(64) }
    do {
      try ReportFile.write(html, to: path)
    } catch {
      Terminal.error("error: \(error.message)")
      throw ExitCode(1)
    }
    print(path)
  }
}
