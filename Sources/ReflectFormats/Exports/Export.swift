import ReflectCore

/// The files an analyst gets for one instrument (`spec/exports.md`): `long`, `wide`,
/// `scores`, `growth`, `codebook` (CSV and Markdown) and `json`, named
/// `<instrument>-<what>.<ext>`.
///
/// Pure formatting on values: the caller gathers the sessions, roster and growth rows
/// (from the store or elsewhere) and chooses the options; the export replaces ids with
/// pseudonyms, leaves free text out, scores the sessions, and writes.
///
/// ```swift
/// let export = Export(
///   instrument: openness, sessions: sessions, roster: roster, growth: growth,
///   options: ExportOptions(byteOrderMark: true, pseudonymizer: try .fromEnvironment(env, keyFile: nil)))
/// for path in try export.write(to: "exports") { print(path) }
/// ```
public struct Export: Sendable {
  /// One file's name and content.
  public struct File: Sendable, Hashable {
    public var name: String
    public var bytes: [UInt8]
  }

  public let instrument: Instrument
  public let options: ExportOptions
  private let prepared: PreparedExport

  /// An export of `sessions` of `instrument`.
  ///
  /// - Parameters:
  ///   - sessions: The sessions to export, in the order the files list them. Only the
  ///     answers that count are written: answers to questions that `show-if` hides
  ///     under the session's own answers are left out, as scoring leaves them out.
  ///   - roster: Attributes of respondents; only those of people in `sessions` or
  ///     `growth` are written.
  ///   - growth: The rows of the `growth` file, computed elsewhere.
  public init(
    instrument: Instrument, sessions: [ExportSession], roster: ExportRoster = ExportRoster(),
    growth: [ExportGrowthRow] = [], options: ExportOptions = ExportOptions()
  ) {
    self.instrument = instrument
    self.options = options
    prepared = PreparedExport(
      instrument: instrument, sessions: sessions, roster: roster, growth: growth,
      options: options)
  }

  /// The names of the files the options ask for, in the order they are written.
  public var fileNames: [String] {
    ExportFormats.formats(for: options.kinds).map { $0.fileName(instrumentID: instrument.id) }
  }

  /// The files in memory, in order: for tests and for outputs that go elsewhere than a
  /// folder.
  public func files() -> [File] {
    ExportFormats.formats(for: options.kinds).map { format in
      File(name: format.fileName(instrumentID: instrument.id), bytes: bytes(of: format))
    }
  }

  /// Writes the files into `directory`, made (owner-only) if it is missing, and returns
  /// their paths in order (`directory/name`).
  ///
  /// Every file is first written in full to a hidden temporary name in the same folder
  /// (owner-only: exports hold personal data); only when all of them are written are
  /// they renamed into place, so a reader never sees half a file, and a failure leaves
  /// the files of an earlier export as they were.
  ///
  /// - Parameter progress: called with each file's name before it is written.
  /// - Throws: ``ExportError`` with code `.cannotCreateFolder` or `.cannotWrite`.
  @discardableResult
  public func write(
    to directory: String, progress: (_ file: String) -> Void = { _ in }
  ) throws(ExportError) -> [String] {
    try ExportFileWriter.makeFolder(directory)
    var staged: [(temporary: String, final: String)] = []
    do throws(ExportError) {
      for format in ExportFormats.formats(for: options.kinds) {
        let name = format.fileName(instrumentID: instrument.id)
        progress(name)
        let final = ExportFileWriter.join(directory, name)
        let temporary = ExportFileWriter.temporaryPath(directory, for: name)
        staged.append((temporary, final))
        try write(format, to: temporary, name: final)
      }
      try ExportFileWriter.renameAll(staged)
    } catch {
      ExportFileWriter.removeAll(staged.map(\.temporary))
      throw error
    }
    return staged.map(\.final)
  }

  private func write(
    _ format: any ExportFormat, to path: String, name: String
  )
    throws(ExportError)
  {
    if let csv = format as? any CSVExportFormat {
      do throws(CSVError) {
        var writer = try CSVWriter(path: path, name: name, options: prepared.csvOptions)
        csv.write(prepared, to: &writer)
        try writer.finish()
      } catch {
        throw ExportError(
          .cannotWrite, path: name, underlying: error,
          systemReason: error.systemErrorNumber.map(systemErrorDescription))
      }
    } else if let text = format as? any TextExportFormat {
      try ExportFileWriter.write(to: path, name: name) { output in
        text.write(prepared, to: output)
      }
    }
  }

  private func bytes(of format: any ExportFormat) -> [UInt8] {
    if let csv = format as? any CSVExportFormat {
      return CSVWriter.bytes(options: prepared.csvOptions) { csv.write(prepared, to: &$0) }
    } else if let text = format as? any TextExportFormat {
      var bytes: [UInt8] = []
      text.write(prepared) { bytes.append(contentsOf: $0.utf8) }
      return bytes
    }
    return []
  }
}
