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
      var isFolder: ObjCBool = false
      let message: String
      if !FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder)
        || !isFolder.boolValue
      {
        // Usually reflect was run from another folder than the one that holds instruments/.
        let here = FileManager.default.currentDirectoryPath
        message =
          "no instrument '\(argument)': there is no folder \(directory)/ in \(here); run reflect where that folder is, choose the folder with --instruments, or give a path to an .xml file"
      } else {
        let known = files().map {
          URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent
        }
        let available =
          known.isEmpty
          ? "it has no .xml files"
          : "available: \(known.joined(separator: ", "))"
        message =
          "no instrument '\(argument)' in \(directory)/ (\(available)); give an id or a path to an .xml file, or choose the folder with --instruments"
      }
      throw InstrumentLoadError(
        file: argument,
        diagnostics: [Diagnostic(file: argument, location: nil, message: message)])
    }
    return try InstrumentLoader.load(path: file)
  }

  private func path(of name: String) -> String {
    directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
  }
}
