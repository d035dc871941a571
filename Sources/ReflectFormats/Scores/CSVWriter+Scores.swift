import ReflectCore

extension CSVWriter {
  /// The cells of one score, shared by `reflect score --format csv` and the `scores`
  /// export: `scale, kind, score, pomp, band, answered, items, z, t, percentile`.
  mutating func writeScoreCells(_ column: ScoreColumn, row: Int) {
    var cache = ScoreCellsCache()
    writeScoreCells(column, row: row, reusing: &cache)
  }

  /// The cells of a score that recur from session to session (its name and kind, and
  /// its bands), as written for the last session, to be copied rather than encoded again.
  struct ScoreCellsCache {
    var names: WrittenCells?
    var bands: [WrittenCells?] = []
  }

  /// A score with the cells of it that recur, for writing many sessions' cells.
  struct ScoreCells {
    let column: ScoreColumn
    var cache = ScoreCellsCache()
  }

  /// Writes the cells of `cells.column` for session `row`, reusing and updating the cache.
  /// (Taking the score from an `inout` value lets it be used without copying it, which
  /// an array element passed to this writer's methods was: a dozen reference counts.)
  mutating func writeScoreCells(row: Int, _ cells: inout ScoreCells) {
    writeScoreCells(cells.column, row: row, reusing: &cells.cache)
  }

  /// Writes the cells of one score as `writeScoreCells(_:row:)` does, copying those in
  /// `cache` when it can and keeping there the ones it writes. Use one cache per score.
  mutating func writeScoreCells(
    _ column: borrowing ScoreColumn, row: Int, reusing cache: inout ScoreCellsCache
  ) {
    if cache.names.map({ writeAgain($0) }) != true {
      let start = position
      write(text: column.id)
      write(text: column.kind.rawValue)
      cache.names = cells(since: start)
    }
    let score = column.score(row)
    write(number: score)
    write(number: column.pomp(row))
    // The band as `ScoreColumn.band(_:)` finds it: the first whose bound is above the
    // score, else the last.
    if let score, !column.bands.isEmpty {
      let band =
        column.bands.firstIndex { $0.below.map { score < $0 } ?? false } ?? column.bands.count - 1
      if cache.bands.count != column.bands.count {
        cache.bands = Array(repeating: nil, count: column.bands.count)
      }
      if cache.bands[band].map({ writeAgain($0) }) != true {
        let start = position
        write(text: column.bands[band].label)
        cache.bands[band] = cells(since: start)
      }
    } else {
      write(text: nil)
    }
    write(integer: Int(column.answered[row]))
    write(integer: column.parts)
    let norms = column.norms(row)
    write(number: norms?.z)
    write(number: norms?.t)
    write(number: norms?.percentile)
  }
}
