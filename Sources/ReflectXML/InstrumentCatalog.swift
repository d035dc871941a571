import Foundation
import ReflectCore

/// Finds instrument definitions: by id in a folder (`instruments/` by default), or by
/// path.
public struct InstrumentCatalog: Sendable {
  /// The folder searched for `<id>.xml` files.
  public var directory: String

  public init(directory: String) { self.directory = directory }

  /// The definition files of the folder, sorted by name.
  public func files() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".xml") }.sorted().map { path(of: $0) }
  }

  /// Loads an instrument named by id (`openness`, looked up as `<folder>/openness.xml`)
  /// or by a path to an `.xml` file.
  public func load(_ argument: String) throws(InstrumentLoadError) -> LoadedInstrument {
    if argument.hasSuffix(".xml") || argument.contains("/") {
      return try InstrumentLoader.load(path: argument)
    }
    let file = path(of: "\(argument).xml")
    guard FileManager.default.fileExists(atPath: file) else {
      let known = files().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
      let available =
        known.isEmpty
        ? "it has no .xml files"
        : "available: \(known.joined(separator: ", "))"
      throw InstrumentLoadError(
        file: argument,
        diagnostics: [
          Diagnostic(
            file: argument, location: nil,
            message:
              "no instrument '\(argument)' in \(directory)/ (\(available)); give an id or a path to an .xml file, or choose the folder with --instruments"
          )
        ])
    }
    return try InstrumentLoader.load(path: file)
  }

  private func path(of name: String) -> String {
    directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
  }
}
