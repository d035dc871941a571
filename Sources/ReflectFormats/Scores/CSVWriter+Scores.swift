import ReflectCore

extension CSVWriter {
  /// The cells of one score, shared by `reflect score --format csv` and the `scores`
  /// export: `scale, kind, score, pomp, band, answered, items, z, t, percentile`.
  mutating func writeScoreCells(_ column: ScoreColumn, row: Int) {
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
