import ArgumentParser
import ReflectFormats
import ReflectStore

struct Roster: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roster",
    abstract: "Manage the roster: who takes part, their role, mentor and cohort.",
    subcommands: [RosterImport.self])
}

struct RosterImport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import respondents and their attributes from a CSV file, all or nothing.",
    discussion: """
      Columns: id (required), and optionally role (mentor, mentee, …), mentor (the id of \
      this person's mentor), cohort, and any other column as an attribute (department, \
      site, …), usable with `--by` in comparisons. A person already in the store is \
      updated. Every problem is reported with its row and column, and nothing is \
      imported when there is any.

      Example:
        reflect roster import roster.csv
      """)

  @Argument(help: "The roster CSV file.")
  var file: String

  @OptionGroup var store: StoreOptions

  func run() throws {
    let database = try store.open()
    do {
      let known = Set(try database.roster().map(\.id))
      let rows = try RosterCSVReader.read(path: file, knownIDs: known)
      let summary = try database.importRoster(
        rows.map {
          RosterEntry(
            id: $0.id, role: $0.role, mentor: $0.mentor, cohort: $0.cohort,
            attributes: $0.attributes)
        })
      print("\(file): \(summary.added) added, \(summary.updated) updated")
    } catch let error as ResponsesReadError {
      for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
      throw ExitCode(1)
    } catch let error as StoreError {
      Terminal.error("\(store.resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }
}
