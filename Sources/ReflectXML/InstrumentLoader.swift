import Foundation
import ReflectCore

/// An instrument loaded from a definition file, with the file's exact bytes (the store
/// keeps the definition administered) and any warnings.
public struct LoadedInstrument: Sendable {
  public var instrument: Instrument
  /// The file as the user named it.
  public var file: String
  /// The definition's bytes, exactly as read.
  public var source: [UInt8]
  /// Problems that do not stop the instrument from being used.
  public var warnings: [Diagnostic]
}

/// Why a definition file could not be loaded: every problem found, in file order.
public struct InstrumentLoadError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var diagnostics: [Diagnostic]

  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}

/// Loads instrument definitions: safe parsing with libxml2, validation against
/// ``InstrumentSchema``, then the rules of the format that a schema cannot express.
///
/// A definition is untrusted input. The loader refuses DTDs (and with them every
/// entity and external reference), never fetches anything, ignores XInclude, bounds
/// the file's size and relies on libxml2's nesting limit. Every problem of a file is
/// reported, each with its line and column.
public enum InstrumentLoader {
  /// The largest definition file accepted. The largest real instruments are a few
  /// hundred kilobytes.
  public static let maximumFileSize = 10 * 1024 * 1024

  /// Loads the file at `path`; `path` is also how diagnostics name the file.
  public static func load(path: String) throws(InstrumentLoadError) -> LoadedInstrument {
    let bytes: [UInt8]
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      let limit = maximumFileSize + 1
      bytes = [UInt8](try handle.read(upToCount: limit) ?? Data())
      if bytes.count == limit {
        let size =
          (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
          ?? limit
        throw InstrumentLoadError(
          file: path,
          diagnostics: [
            Diagnostic(
              file: path, location: nil,
              message:
                "the file is \(megabytes(size)); an instrument definition may be at most \(megabytes(maximumFileSize))"
            )
          ])
      }
    } catch let error as InstrumentLoadError {
      throw error
    } catch {
      throw InstrumentLoadError(
        file: path,
        diagnostics: [
          Diagnostic(
            file: path, location: nil, message: "cannot read the file: \(readReason(path))")
        ])
    }
    return try load(bytes: bytes, file: path)
  }

  /// Loads a definition from memory; `file` names it in diagnostics.
  public static func load(
    bytes: [UInt8], file: String
  ) throws(InstrumentLoadError)
    -> LoadedInstrument
  {
    func fail(_ diagnostics: [Diagnostic]) -> InstrumentLoadError {
      InstrumentLoadError(file: file, diagnostics: diagnostics)
    }
    if bytes.count > maximumFileSize {
      throw fail([
        Diagnostic(
          file: file, location: nil,
          message:
            "the file is \(megabytes(bytes.count)); an instrument definition may be at most \(megabytes(maximumFileSize))"
        )
      ])
    }
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      throw fail([
        Diagnostic(
          file: file, location: nil,
          message:
            "the file is empty; an instrument definition starts with <instrument xmlns=\"\(InstrumentSchema.namespace)\" …>"
        )
      ])
    }

    let outcome = LibXML2Document.load(
      bytes: bytes, url: file, expectedNamespace: InstrumentSchema.namespace,
      schema: InstrumentSchema.xsd)

    if outcome.sawDocumentType {
      let location =
        SourceIndex(bytes: bytes).documentTypeLocation ?? SourceLocation(line: 1, column: 1)
      throw fail([
        Diagnostic(
          file: file, location: location,
          message:
            "DOCTYPE declarations are not allowed: instrument files use no DTD, entities or external references; remove the <!DOCTYPE …> declaration"
        )
      ])
    }
    if !outcome.parseProblems.isEmpty || outcome.root == nil {
      let diagnostics = outcome.parseProblems.filter { !$0.isWarning }.map { problem in
        Diagnostic(
          file: file,
          location: SourceLocation(line: max(problem.line, 1), column: max(problem.column, 1)),
          message: XMLMessages.parseMessage(problem.message))
      }
      throw fail(
        diagnostics.isEmpty
          ? [Diagnostic(file: file, location: nil, message: "the file is not XML")]
          : Array(diagnostics.prefix(1)))
    }
    guard let root = outcome.root, let index = outcome.index, root.name == "instrument",
      root.namespace == InstrumentSchema.namespace
    else {
      let found = outcome.root.map { element in
        let namespace = element.namespace.map { "namespace `\($0)`" } ?? "no namespace"
        return ", found `\(element.name)` in \(namespace)"
      }
      throw fail([
        Diagnostic(
          file: file, location: outcome.root?.location,
          message:
            "not a Reflect instrument: expected root `instrument` in namespace `\(InstrumentSchema.namespace)`\(found ?? "")"
        )
      ])
    }

    var diagnostics = XMLMessages.schemaDiagnostics(
      outcome.schemaProblems, file: file, index: index)
    var builder = InstrumentBuilder(file: file)
    let instrument = builder.build(root)
    diagnostics += builder.diagnostics
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty || instrument == nil {
      throw fail(deduplicated(errors))
    }
    guard let instrument else { throw fail(errors) }
    return LoadedInstrument(
      instrument: instrument, file: file, source: bytes,
      warnings: diagnostics.filter { $0.severity == .warning })
  }

  /// In file order, each problem once.
  private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return diagnostics.enumerated()
      .sorted { lhs, rhs in
        let left = lhs.element.location ?? SourceLocation(line: 0, column: 0)
        let right = rhs.element.location ?? SourceLocation(line: 0, column: 0)
        return left != right ? left < right : lhs.offset < rhs.offset
      }
      .map(\.element)
      .filter { seen.insert($0).inserted }
  }

  private static func megabytes(_ bytes: Int) -> String {
    let value = Double(bytes) / 1_048_576
    return value >= 10 ? "\(Int(value.rounded())) MB" : "\((value * 10).rounded() / 10) MB"
  }

  private static func readReason(_ path: String) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      return "no such file"
    }
    if isDirectory.boolValue { return "it is a folder, not a file" }
    return "permission denied"
  }
}
