/// Writes a report to a file whole or not at all (a temporary name beside it, then a
/// rename), readable by its owner only: reports hold personal data.
public enum ReportFile {
  /// Writes `contents` to `path`.
  ///
  /// - Throws: ``ExportError`` when the folder is missing or not writable.
  public static func write(_ contents: String, to path: String) throws(ExportError) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let folder = directory.isEmpty ? "/" : directory
    let temporary = ExportFileWriter.temporaryPath(folder, for: name)
    do {
      try ExportFileWriter.write(to: temporary, name: path) { output in output(contents) }
      try ExportFileWriter.renameAll([(temporary, path)])
    } catch {
      ExportFileWriter.removeAll([temporary])
      throw error
    }
  }
}
