import Foundation
import ReflectCore

/// One person of a roster file: `id`, and optionally `role` (`mentor`, `mentee`, …),
/// `mentor` (the id of this person's mentor), `cohort`, and any other column as an
/// attribute.
public struct RosterRow: Sendable, Hashable {
  public var row: Int
  public var id: String
  public var role: String?
  public var mentor: String?
  public var cohort: String?
  public var attributes: [String: String]
}

/// Reads and checks a roster CSV as a whole: every problem with its row and column,
/// and no rows at all when there is any, so that an import is all or nothing.
///
/// Messages name rows and columns, never the ids or attributes in them: a roster is
/// personal data, and error text ends up in logs.
public enum RosterCSVReader {
  public static func read(
    path: String, knownIDs: Set<String> = []
  ) throws(ResponsesReadError)
    -> [RosterRow]
  {
    var rows: [RosterRow] = []
    var header: [String] = []
    var problems: [Diagnostic] = []
    func problem(_ row: Int?, _ column: String?, _ message: String) {
      problems.append(.csv(file: path, row: row, column: column, message))
    }
    do {
      var reader = try CSVReader(path: path)
      try reader.forEachRecord { record in
        if header.isEmpty {
          header = try record.strings().map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
          }
          return
        }
        let fields = try record.strings()
        var values: [String: String] = [:]
        for (name, value) in zip(header, fields) where !name.isEmpty {
          let trimmed = value.trimmingCharacters(in: .whitespaces)
          if !trimmed.isEmpty { values[name] = trimmed }
        }
        rows.append(
          RosterRow(
            row: record.row, id: values["id"] ?? "", role: values["role"],
            mentor: values["mentor"], cohort: values["cohort"],
            attributes: values.filter { !["id", "role", "mentor", "cohort"].contains($0.key) }))
      }
    } catch let error as CSVError {
      throw ResponsesReadError(diagnostics: [error.diagnostic])
    } catch {
      throw ResponsesReadError(diagnostics: [
        Diagnostic(file: path, location: nil, message: "\(error)")
      ])
    }

    guard !header.isEmpty else {
      problem(
        nil, nil, "the file is empty; a roster starts with a header such as id,role,mentor,cohort")
      throw ResponsesReadError(diagnostics: problems)
    }
    if let message = CSVSeparatorHint.message(header: header) {
      problem(1, nil, message)
      throw ResponsesReadError(diagnostics: problems)
    }
    guard header.contains("id") else {
      problem(
        1, nil,
        "the header has no id column; a roster needs id, and may have role, mentor, cohort and other columns"
      )
      throw ResponsesReadError(diagnostics: problems)
    }
    var seen: [String: Int] = [:]
    for (position, name) in header.enumerated() where seen[name] != nil || name.isEmpty {
      problem(
        1, nil,
        name.isEmpty ? "column \(position + 1) has no name" : "the column \(name) appears twice")
    }
    seen = [:]
    for row in rows {
      if row.id.isEmpty {
        problem(row.row, "id", "the id is empty; every person needs one")
      } else if let first = seen[row.id] {
        problem(row.row, "id", "the same id as row \(first); list each person once")
      } else {
        seen[row.id] = row.row
      }
    }
    for row in rows {
      guard let mentor = row.mentor else { continue }
      if mentor == row.id {
        problem(row.row, "mentor", "a person cannot be their own mentor")
      } else if seen[mentor] == nil, !knownIDs.contains(mentor) {
        problem(
          row.row, "mentor",
          "no one in this roster or the store has this mentor's id; add the mentor as a row of their own"
        )
      }
    }
    guard problems.isEmpty else {
      // In row order, as a person fixes them.
      let ordered = problems.enumerated().sorted { lhs, rhs in
        let left = Self.rowNumber(lhs.element.message)
        let right = Self.rowNumber(rhs.element.message)
        return left != right ? left < right : lhs.offset < rhs.offset
      }
      throw ResponsesReadError(diagnostics: ordered.map(\.element))
    }
    return rows
  }

  private static func rowNumber(_ message: String) -> Int {
    guard message.hasPrefix("row ") else { return 0 }
    return Int(message.dropFirst(4).prefix { $0.isNumber }) ?? 0
  }
}
