import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectXML

struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Generate a synthetic cohort with a known true change, as a long CSV.",
    discussion: """
      Each simulated person has a latent level per scale; every scale changes by
      --effect standard deviations (of the first wave) between the first and the last
      wave. Answers have item-level noise, a little nonresponse and "Not applicable"
      where the choices offer it. The same seed gives the same file.

      Examples:
        reflect simulate --instrument openness --respondents 200 --out cohort.csv
        reflect simulate --instrument leadership --respondents 100000 --waves pre,post,follow-up --effect 0.5 --seed 7 --out big.csv
      """)

  @Option(help: "An instrument id or a path to an .xml file.")
  var instrument: String

  @Option(help: "How many people.")
  var respondents: Int

  @Option(help: "Wave labels, in order, separated by commas.")
  var waves: String = "pre,post"

  @Option(help: "The true change, in standard deviations, from the first to the last wave.")
  var effect: Double = 0.5

  @Option(help: "The random seed.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Where to write the long CSV.", valueName: "file.csv"))
  var out: String?

  @OptionGroup var instruments: InstrumentOptions

  var waveLabels: [String] {
    waves.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  func validate() throws {
    guard out != nil else {
      throw ValidationError(
        "give --out FILE.csv (simulating into the store comes with `reflect take`)")
    }
    guard respondents >= 1 else { throw ValidationError("--respondents must be at least 1") }
    let labels = waveLabels
    guard !labels.isEmpty, !labels.contains(where: \.isEmpty) else {
      throw ValidationError("--waves takes labels separated by commas, e.g. pre,post")
    }
    guard Set(labels).count == labels.count else {
      throw ValidationError("--waves has a label twice: \(waves)")
    }
  }

  func run() throws {
    let loaded = try instruments.load(instrument)
    let simulation: CohortSimulation
    do {
      simulation = try CohortSimulation(
        instrument: loaded.instrument, respondents: respondents, waves: waveLabels,
        effect: effect, seed: seed)
    } catch {
      Terminal.error("cannot simulate: \(error)")
      throw ExitCode(1)
    }
    let path = out ?? ""
    var writer = try CSVWriter(path: path)
    writer.writeRow(LongCSV.columns)
    let id = loaded.instrument.id
    let version = loaded.instrument.version
    simulation.forEachAnswer { answer in
      writer.write(text: answer.respondent)
      writer.write(text: answer.wave)
      writer.write(text: answer.session)
      writer.write(text: id)
      writer.write(text: version)
      writer.write(text: answer.item)
      writer.write(text: answer.value)
      writer.write(text: answer.label)
      writer.write(text: answer.answeredAt.iso8601)
      writer.endRow()
    }
    try writer.finish()
    Terminal.error("wrote \(path): \(respondents) respondents × \(waveLabels.count) waves")
  }
}
