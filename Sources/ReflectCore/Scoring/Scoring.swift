import Foundation

/// Turns answers into scale and composite scores, exactly as `statistics.md` defines
/// them: reverse keys, weights, `min-answered`, the mean or the prorated sum, POMP,
/// composites and bands.
public enum Scoring {
  /// Scores every session of `responses`: the instrument's scales, then its composites.
  ///
  /// The scales are scored on several threads when there are many sessions (each scale's
  /// scores are computed as on one thread, so they are the same): scoring is a serial
  /// step between reading and writing a large file.
  public static func score(_ responses: Responses) -> [ScoreColumn] {
    let instrument = responses.instrument
    let scales = instrument.scales
    var columns: [ScoreColumn]
    if scales.count > 1 && responses.count >= parallelSessions {
      let results = ScaleResults(count: scales.count)
      DispatchQueue.concurrentPerform(iterations: scales.count) { index in
        results.set(index, score(scales[index], in: responses))
      }
      columns = results.columns
    } else {
      columns = scales.map { score($0, in: responses) }
    }
    columns.reserveCapacity(scales.count + instrument.composites.count)
    for composite in instrument.composites {
      let parts = composite.scaleIDs.compactMap { id in columns.first { $0.id == id } }
      columns.append(score(composite, parts: parts, sessions: responses.count))
    }
    return columns
  }

  /// Sessions per tile of `score(_:in:)`: its sums (20 bytes a session) fit in a core's
  /// level-2 cache.
  static let sessionsPerTile = 4096

  /// An item as scoring reads it: its answers, weight and reverse keying.
  private struct ScoredItem {
    var column: ResponseColumn
    var weight: Double
    /// The sum of the lowest and highest values, from which a reversed answer is taken.
    var mirror: Double
    var isReversed: Bool
    /// For a column of codes, each code's value after reverse keying.
    var keyedTable: [Double]

    init(column: ResponseColumn, weight: Double, mirror: Double, isReversed: Bool) {
      self.column = column
      self.weight = weight
      self.mirror = mirror
      self.isReversed = isReversed
      keyedTable = isReversed ? column.table.map { mirror - $0 } : column.table
    }
  }

  /// Sessions from which scales are scored on several threads. (200,000 sessions of 30
  /// items took about 45 ms of processor time in all, so fewer than this score in a few
  /// milliseconds on one thread.)
  static let parallelSessions = 20_000

  /// One scale's scores. Works over a tile of sessions at a time, item by item: memory is
  /// read sequentially, and the sums of the tile stay in the processor's cache from one
  /// item to the next. Each session's sums add the items in order, as one pass would.
  public static func score(_ scale: Scale, in responses: Responses) -> ScoreColumn {
    let count = responses.count
    var weightedSum = [Double](repeating: 0, count: count)
    var weightTotal = [Double](repeating: 0, count: count)
    var answered = [Int32](repeating: 0, count: count)
    var lowestSum = 0.0
    var highestSum = 0.0
    var allWeights = 0.0

    var parts: [ScoredItem] = []
    for item in scale.items {
      guard let column = responses.column(of: item.questionID),
        let question = responses.instrument.question(item.questionID),
        let range = question.choices?.numericRange
      else { continue }
      let weight = item.weight
      lowestSum += weight * range.lowerBound
      highestSum += weight * range.upperBound
      allWeights += weight
      parts.append(
        ScoredItem(
          column: responses.columns[column], weight: weight,
          mirror: range.lowerBound + range.upperBound, isReversed: item.isReversed))
    }
    // On unchecked buffers, so that the loop over every session has no index or
    // uniqueness checks of the arrays.
    weightedSum.withUnsafeMutableBufferPointer { weightedSum in
      weightTotal.withUnsafeMutableBufferPointer { weightTotal in
        answered.withUnsafeMutableBufferPointer { answered in
          /// Adds an answer (after reverse keying; `nan` when missing) to a session's sums.
          @inline(__always) func add(_ value: Double, row: Int, weight: Double) {
            if value.isNaN { return }
            weightedSum[row] += weight * value
            weightTotal[row] += weight
            answered[row] += 1
          }
          for tile in stride(from: 0, to: count, by: sessionsPerTile) {
            for part in parts {
              let weight = part.weight
              if part.column.isCoded {
                part.column.codes.withUnsafeBufferPointer { codes in
                  part.keyedTable.withUnsafeBufferPointer { keyed in
                    for row in tile..<min(count, codes.count, tile + sessionsPerTile) {
                      add(keyed[Int(codes[row])], row: row, weight: weight)
                    }
                  }
                }
              } else {
                part.column.values.withUnsafeBufferPointer { values in
                  for row in tile..<min(count, values.count, tile + sessionsPerTile) {
                    let raw = values[row]
                    add(part.isReversed ? part.mirror - raw : raw, row: row, weight: weight)
                  }
                }
              }
            }
          }
        }
      }
    }

    let required = Int32(scale.minAnswered.required(outOf: scale.items.count))
    var scores = [Double](repeating: .nan, count: count)
    for row in 0..<count where answered[row] >= required && answered[row] > 0 {
      let mean = weightedSum[row] / weightTotal[row]
      scores[row] = scale.method == .mean ? mean : mean * allWeights
    }
    let factor = scale.method == .mean ? 1 : allWeights
    return ScoreColumn(
      id: scale.id, kind: .scale, title: scale.title, direction: scale.direction,
      bands: scale.bands, reference: scale.reference, scores: scores, answered: answered,
      parts: scale.items.count,
      lowest: allWeights > 0 ? lowestSum / allWeights * factor : .nan,
      highest: allWeights > 0 ? highestSum / allWeights * factor : .nan)
  }

  /// A composite: the mean (or sum) of its scales' scores, missing if any is missing.
  static func score(
    _ composite: Composite, parts: [ScoreColumn], sessions count: Int
  )
    -> ScoreColumn
  {
    var scores = [Double](repeating: 0, count: count)
    var answered = [Int32](repeating: 0, count: count)
    for part in parts {
      for row in 0..<count {
        let value = part.scores[row]
        if value.isNaN { scores[row] = .nan } else { answered[row] += 1 }
        scores[row] += value
      }
    }
    let divisor = composite.method == .mean ? Double(max(parts.count, 1)) : 1
    if parts.isEmpty { scores = [Double](repeating: .nan, count: count) }
    for row in 0..<count { scores[row] /= divisor }
    return ScoreColumn(
      id: composite.id, kind: .composite, title: composite.title,
      direction: composite.direction, bands: composite.bands, reference: composite.reference,
      scores: scores, answered: answered, parts: parts.count,
      lowest: parts.reduce(0) { $0 + $1.lowest } / divisor,
      highest: parts.reduce(0) { $0 + $1.highest } / divisor)
  }
}

/// The columns of scales scored on several threads, each into its own place.
private final class ScaleResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [ScoreColumn?]

  init(count: Int) {
    results = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ column: ScoreColumn) {
    lock.lock()
    results[index] = column
    lock.unlock()
  }

  /// The columns, once every one is set.
  var columns: [ScoreColumn] {
    lock.lock()
    defer { lock.unlock() }
    return results.compactMap { $0 }
  }
}
