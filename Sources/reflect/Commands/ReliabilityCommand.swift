import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats

struct ReliabilityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reliability",
    abstract: "Cronbach's alpha per scale at one wave, with item-total correlations.",
    discussion: """
      On complete cases (people who answered every item of the scale), items recoded. \
      Alpha is left out, with the reason, when fewer than 2 complete cases or 2 items.

      Examples:
        reflect reliability --instrument openness --wave pre --responses answers.csv
        reflect reliability --instrument openness --wave pre --responses a.csv \\
          --format json
      """)

  @OptionGroup var input: ResponsesOptions

  @Option(help: "The wave to analyse (e.g. pre).")
  var wave: String

  @Option(help: "text for people, json or csv for programs and spreadsheets.")
  var format = Format<TextJSONOrCSV>(.text)

  func run() throws {
    let responses = try input.load()
    guard responses.waves.contains(wave) else {
      let known = responses.waves.isEmpty ? "none" : responses.waves.joined(separator: ", ")
      Terminal.error(
        "no sessions at wave '\(wave)' in \(input.source); waves found: \(known)"
      )
      throw ExitCode(1)
    }
    let results = Scoring.reliability(responses, wave: wave)
    switch format.value {
    case .json: print(ReliabilityReport.json(results))
    case .csv:
      var writer = CSVWriter(fileDescriptor: 1, name: "standard output")
      ReliabilityReport.writeCSV(results, to: &writer)
      try writer.finish()
    default: print(ReliabilityReport.text(results))
    }
  }
}
