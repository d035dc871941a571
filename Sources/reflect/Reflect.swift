import ArgumentParser

@main
struct Reflect: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reflect",
    abstract: "Survey and self-reflection assessments for learning organisations.",
    version: "0.1.0"
  )
}
