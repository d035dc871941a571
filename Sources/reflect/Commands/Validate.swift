import ArgumentParser
import ReflectXML

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check instrument definitions against the format and its rules.",
    discussion: """
      Prints `FILE: ok` for each valid file, or every problem as \
      `FILE:LINE:COLUMN: error: MESSAGE`; exits with status 1 if any file fails.

      Examples:
        reflect validate instruments/*.xml
        reflect validate my-survey.xml
      """)

  @Argument(help: "Definition files to check.")
  var files: [String]

  func run() throws {
    var failed = false
    for file in files {
      do {
        let loaded = try InstrumentLoader.load(path: file)
        for warning in loaded.warnings { Terminal.error(warning.description) }
        print("\(file): ok")
      } catch {
        for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
        failed = true
      }
    }
    if failed { throw ExitCode(1) }
  }
}
