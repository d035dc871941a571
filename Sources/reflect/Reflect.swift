import ArgumentParser

@main
struct Reflect: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reflect",
    abstract: "Survey and self-reflection assessments for learning organisations.",
    discussion: """
      Instruments are XML files in ./instruments (or --instruments DIR). Start with
      `reflect list`, preview one with `reflect show openness`.
      """,
    version: "0.1.0",
    subcommands: [
      List.self, Show.self, Validate.self, Schema.self, Score.self, ReliabilityCommand.self,
      Simulate.self,
    ]
  )
}
