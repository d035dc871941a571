import ArgumentParser

@main
struct Reflect: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reflect",
    abstract: "Survey and self-reflection assessments for learning organisations.",
    discussion: """
      Take an assessment with `reflect take openness`. Instruments are XML files in \
      ./instruments (or --instruments DIR): `reflect list` shows them, `reflect show \
      openness` previews one.
      """,
    version: "0.1.0",
    subcommands: [
      Take.self, List.self, Show.self, Validate.self, Schema.self, Score.self,
      ReliabilityCommand.self,
      Simulate.self, Sessions.self, Roster.self, Import.self, ExportCommand.self, Profile.self,
      Compare.self,
      Dyads.self,
    ]
  )
}
