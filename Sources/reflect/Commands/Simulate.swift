import ArgumentParser
import Foundation
import ReflectCore
import ReflectFormats
import ReflectStore
import ReflectXML

struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Generate a synthetic cohort with a known true change, as a long CSV.",
    discussion: """
      Each simulated person has a latent level per scale; every scale changes by \
      --effect standard deviations (of the first wave) between the first and the last \
      wave. Answers have item-level noise, a little nonresponse and "Not applicable" \
      where the choices offer it. The same seed gives the same file. Without --out the \
      cohort goes into the store, as completed sessions marked `simulated`.

      Examples:
        reflect simulate --instrument openness --respondents 200 --out cohort.csv
        reflect simulate --instrument openness --respondents 50 --store demo.sqlite
        reflect simulate --instrument leadership --respondents 100000 \\
          --waves pre,post,follow-up --effect 0.5 --seed 7 --out big.csv
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

  @Option(
    help: ArgumentHelp(
      "Where to write the long CSV (default: into the store).", valueName: "file.csv"))
  var out: String?

  @OptionGroup var instruments: InstrumentOptions
  @OptionGroup var store: StoreOptions

  var waveLabels: [String] {
    waves.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  func validate() throws {
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
    if let out {
      try write(simulation, loaded: loaded, to: out)
    } else {
      try importIntoStore(simulation, loaded: loaded)
    }
  }

  private func write(
    _ simulation: CohortSimulation, loaded: LoadedInstrument, to path: String
  )
    throws
  {
    var writer = try CSVWriter(path: path)
    writer.writeRow(LongCSV.columns)
    let id = loaded.instrument.id
    let version = loaded.instrument.version
    var progress = ProgressLine()
    var sessions = 0
    var lastSession = ""
    let total = respondents * waveLabels.count
    simulation.forEachAnswer { answer in
      if answer.session != lastSession {
        lastSession = answer.session
        sessions += 1
        if sessions & 0x3FF == 0 { progress.show("writing \(path): \(sessions * 100 / total)%") }
      }
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
    progress.clear()
    Terminal.error("wrote \(path): \(respondents) respondents × \(waveLabels.count) waves")
  }

  /// Completed sessions in the store, committed in batches so that memory stays small.
  private func importIntoStore(_ simulation: CohortSimulation, loaded: LoadedInstrument) throws {
    let database = try store.open()
    do {
      let storage = try database.storeDefinition(
        id: loaded.instrument.id, version: loaded.instrument.version, source: loaded.source)
      let source = SessionSource(rawValue: "simulated:seed=\(seed)")
      var batch: [ImportedSession] = []
      var progress = ProgressLine()
      let total = respondents * waveLabels.count
      var current: ImportedSession?
      var count = 0
      func flush() throws {
        try database.importSessions(batch, definition: storage.definition.id, source: source)
        count += batch.count
        batch.removeAll(keepingCapacity: true)
        progress.show("storing in \(store.resolvedPath): \(count * 100 / total)%")
      }
      try simulation.forEachAnswer { answer in
        let time = Date(timeIntervalSince1970: TimeInterval(answer.answeredAt.secondsSince1970))
        if current?.respondent != answer.respondent || current?.wave != answer.wave {
          if let finished = current { batch.append(finished) }
          if batch.count >= 5_000 { try flush() }
          current = ImportedSession(
            respondent: answer.respondent, wave: answer.wave, answers: [:], startedAt: time)
        }
        current?.answers[answer.item] = .choice(answer.value)
        current?.completedAt = time
      }
      if let finished = current { batch.append(finished) }
      try flush()
      progress.clear()
      Terminal.error(
        "stored \(count) sessions in \(store.resolvedPath): \(respondents) respondents × \(waveLabels.count) waves"
      )
    } catch let error as StoreError {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }
}
