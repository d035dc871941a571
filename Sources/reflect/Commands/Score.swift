import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectXML

struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Scale and composite scores per session.",
    discussion: """
      Scores the completed sessions in the store (the newest per person and wave), or a \
      long CSV given with --responses (the columns of `reflect export --what long`: \
      respondent, wave, item, value, …).

      Examples:
        reflect score --instrument openness --responses a.csv
        reflect score --instrument openness --responses a.csv --format csv
        reflect score --instrument openness --responses a.csv --wave pre
      """)

  @Option(help: "Only sessions of this wave.")
  var wave: String?

  @Option(help: "Only this respondent's sessions.")
  var respondent: String?

  @OptionGroup var input: ResponsesOptions

  @Option(help: "text for people, json or csv for programs and spreadsheets.")
  var format = Format<TextJSONOrCSV>(.text)

  func run() throws {
    let answers = try input.load()
    let report = ScoreReport(responses: answers, wave: wave, respondent: respondent)
    switch format.value {
    case .csv:
      var writer = CSVWriter(fileDescriptor: 1, name: "standard output")
      report.writeCSV(to: &writer)
      try writer.finish()
    case .json:
      report.writeJSON { FileHandle.standardOutput.write(Data($0)) }
    default:
      report.writeText { FileHandle.standardOutput.write(Data($0)) }
    }
    KeptUntilExit.keep(report)
  }
}
