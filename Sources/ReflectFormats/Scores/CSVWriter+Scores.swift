import ReflectCore

extension CSVWriter {
  /// The cells of one score, shared by `reflect score --format csv` and the `scores`
  /// export: `scale, kind, score, pomp, band, answered, items, z, t, percentile`.
  ///
  /// `reflect score` encodes its rows with `ScoreRowEncoder`, which must give the same
  /// bytes as this; its tests compare the two.
  mutating func writeScoreCells(_ column: borrowing ScoreColumn, row: Int) {
    write(text: column.id)
    write(text: column.kind.rawValue)
    write(number: column.score(row))
    write(number: column.pomp(row))
    write(text: column.band(row)?.label)
    write(integer: Int(column.answered[row]))
    write(integer: column.parts)
    let norms = column.norms(row)
    write(number: norms?.z)
    write(number: norms?.t)
    write(number: norms?.percentile)
  }
}
