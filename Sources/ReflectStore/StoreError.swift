import Foundation
import GRDB

/// A problem opening or using a store, with what to do about it.
///
/// The message names the store file as the user gave it and says what to do next. It
/// never holds a respondent's answers: SQL arguments are left out, and the underlying
/// SQLite error is kept in ``underlying`` for whoever needs the detail.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable {
    /// The file cannot be created or opened (a missing folder, permissions).
    case cannotOpen
    /// The file exists but is not an SQLite database.
    case notADatabase
    /// The file is an SQLite database of some other program.
    case notAStore
    /// The store was written by a newer Reflect, with a schema this one does not know.
    case newerSchema
    /// Another program kept the store locked for longer than the busy timeout.
    case busy
    /// No session has the given id.
    case unknownSession
    /// No stored definition has the given id.
    case unknownDefinition
    /// The session is complete: its answers can no longer change.
    case sessionNotOpen
    /// The respondent already has an open session of this instrument and wave.
    case sessionAlreadyOpen
    /// An answer the store cannot keep exactly (a number that is not finite, an empty
    /// question id).
    case invalidAnswer
    /// A roster entry the store cannot keep (an empty or repeated id).
    case invalidRoster
    /// A session the store cannot start or import (an empty respondent or wave).
    case invalidSession
    /// SQLite failed otherwise: a damaged file, a full disk, an I/O error.
    case databaseFailure
  }

  public var code: Code
  /// The store file as the user named it.
  public var path: String
  /// What is wrong and what to do next.
  public var message: String
  /// The error behind this one, usually a GRDB `DatabaseError`.
  public var underlying: (any Error)?

  public init(_ code: Code, path: String, message: String, underlying: (any Error)? = nil) {
    self.code = code
    self.path = path
    self.message = message
    self.underlying = underlying
  }

  public var description: String { message }
}

extension StoreError {
  /// Translates an error thrown while working on the store at `path`.
  ///
  /// - Parameter action: What was being done, for the message (`"open"`, `"record the
  ///   answer"`).
  static func wrapping(_ error: any Error, path: String, action: String) -> StoreError {
    if let error = error as? StoreError { return error }
    guard let error = error as? DatabaseError else {
      return StoreError(
        .databaseFailure, path: path, message: "cannot \(action) in \(path): \(error)",
        underlying: error)
    }
    // `DatabaseError.message` is SQLite's own text: it names tables and constraints, never
    // the values bound to a statement.
    let detail = error.message ?? "\(error.resultCode)"
    switch error.resultCode {
    case .SQLITE_NOTADB:
      return StoreError(
        .notADatabase, path: path,
        message:
          "\(path) is not a Reflect store (it is not an SQLite database); choose another store path with --store",
        underlying: error)
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return StoreError(
        .busy, path: path,
        message:
          "cannot \(action): \(path) is locked by another program (\(detail)); wait for it to finish and try again",
        underlying: error)
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
      return StoreError(
        .cannotOpen, path: path,
        message:
          "cannot open \(path) (\(detail)); check that the folder exists and that you may write to it",
        underlying: error)
    case .SQLITE_READONLY:
      return StoreError(
        .cannotOpen, path: path,
        message:
          "cannot \(action): \(path) is read-only (\(detail)); check the permissions of the file and its folder",
        underlying: error)
    case .SQLITE_CORRUPT:
      return StoreError(
        .databaseFailure, path: path,
        message: "cannot \(action): \(path) is damaged (\(detail)); restore it from a backup",
        underlying: error)
    case .SQLITE_FULL:
      return StoreError(
        .databaseFailure, path: path,
        message: "cannot \(action) in \(path): the disk is full; free some space and try again",
        underlying: error)
    case .SQLITE_IOERR:
      return StoreError(
        .databaseFailure, path: path,
        message:
          "cannot \(action) in \(path): a disk error (\(detail)); check the disk and try again",
        underlying: error)
    default:
      return StoreError(
        .databaseFailure, path: path, message: "cannot \(action) in \(path): \(detail)",
        underlying: error)
    }
  }
}
