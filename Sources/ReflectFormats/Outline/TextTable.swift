/// A plain-text table with aligned columns: readable in a terminal, in a log and by a
/// screen reader (no box-drawing characters).
struct TextTable {
  var header: [String]
  var rows: [[String]]

  var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { column in
      all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
    return all.map { row in
      row.indices.map { column in
        let cell = row[column]
        return column == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
