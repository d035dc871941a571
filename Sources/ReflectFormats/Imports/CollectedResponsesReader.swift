import Foundation
import ReflectCore

/// Reads responses collected elsewhere (`reflect import`): a `wide` file (one row per
/// session, one column per question id) or a `long` one (one row per answer), with
/// values given as choice values or labels.
///
/// Every row is checked against the instrument and every problem is reported with its
/// row and column (up to ``maximumReportedProblems``). The reader streams: it keeps the
/// sessions it has seen, and hands each answer to a handler as it is read, so memory
/// grows with the number of sessions, not with the file. A caller that must write all or
/// nothing reads twice: once to check, then again inside its transaction, writing the
/// answers from the handler (``ReflectStore`` rolls back if the second read fails).
///
/// Messages name rows and columns. They quote a cell only where that helps to find a typo
/// (a question id, a choice, a number, a date), never a respondent id or a reflection.
public struct CollectedResponsesReader: Sendable {
  /// Stop collecting after this many problems: the rest are usually the same mistake.
  public static let maximumReportedProblems = 100

  /// Receives each answer: the index of its session in ``CollectedResponses/sessions``
  /// (sessions are numbered in the order they first appear), the question id, the value,
  /// and when it was answered if the file says.
  public typealias AnswerHandler =
    (_ session: Int, _ question: String, _ value: AnswerValue, _ answeredAt: Date?) throws ->
    Void

  public let instrument: Instrument
  /// The layout; `nil` to tell from the header (`item` and `value` columns: long).
  public var layout: ImportLayout?
  /// The wave of every row (`--wave`): fills in for a file without a `wave` column, and
  /// must agree with the cells of one that has it.
  public var wave: String?
  /// When set, only this respondent's answers are handed to the answer handler (all rows
  /// are still checked and counted).
  public var respondent: String?

  public init(instrument: Instrument, layout: ImportLayout? = nil, wave: String? = nil) {
    self.instrument = instrument
    self.layout = layout
    self.wave = wave
  }

  /// Reads the file at `path`.
  ///
  /// - Parameters:
  ///   - progress: called now and then with the number of rows read so far.
  ///   - handler: called for every answer, in file order, until a problem is found; leave
  ///     it out to only check the file.
  /// - Throws: ``ResponsesReadError`` with every problem found; whatever `handler` throws.
  public func read(
    path: String, progress: (Int) -> Void = { _ in },
    answers handler: AnswerHandler = { _, _, _, _ in }
  ) throws -> CollectedResponses {
    var reader: CSVReader
    do {
      reader = try CSVReader(path: path, options: CSVReader.Options(fieldCount: .any))
    } catch {
      throw ResponsesReadError(diagnostics: [error.diagnostic])
    }
    return try read(&reader, progress: progress, handler: handler)
  }

  /// Reads `bytes` as if they were the file `file`.
  public func read(
    bytes: [UInt8], file: String, answers handler: AnswerHandler = { _, _, _, _ in }
  ) throws
    -> CollectedResponses
  {
    var reader = CSVReader(bytes: bytes, name: file, options: CSVReader.Options(fieldCount: .any))
    return try read(&reader, progress: { _ in }, handler: handler)
  }

  private func read(
    _ reader: inout CSVReader, progress: (Int) -> Void, handler: AnswerHandler
  ) throws -> CollectedResponses {
    var state = ImportReadState(reader: self, file: reader.file)
    do {
      try reader.forEachRecord { record in
        if record.row & 0x3FFF == 0 { progress(record.row) }
        if state.header == nil {
          state.readHeader(record)
        } else {
          try state.readRow(record, handler: handler)
        }
        if state.problems.count >= Self.maximumReportedProblems {
          throw ResponsesReadError(diagnostics: state.problems + [state.tooMany()])
        }
      }
    } catch let error as CSVError {
      // A malformed record stops the reader; what was found before it is reported too.
      throw ResponsesReadError(diagnostics: state.problems + [error.diagnostic])
    }
    return try state.finish()
  }
}
