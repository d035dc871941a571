/// Turns answers into scale and composite scores, exactly as `statistics.md` defines
/// them: reverse keys, weights, `min-answered`, the mean or the prorated sum, POMP,
/// composites and bands.
public enum Scoring {
  /// Scores every session of `responses`: the instrument's scales, then its composites.
  public static func score(_ responses: Responses) -> [ScoreColumn] {
    let instrument = responses.instrument
    var columns: [ScoreColumn] = []
    columns.reserveCapacity(instrument.scales.count + instrument.composites.count)
    for scale in instrument.scales {
      columns.append(score(scale, in: responses))
    }
    for composite in instrument.composites {
      let parts = composite.scaleIDs.compactMap { id in columns.first { $0.id == id } }
      columns.append(score(composite, parts: parts, sessions: responses.count))
    }
    return columns
  }

  /// One scale's scores. Works item by item over whole columns, so memory is read
  /// sequentially.
  public static func score(_ scale: Scale, in responses: Responses) -> ScoreColumn {
    let count = responses.count
    var weightedSum = [Double](repeating: 0, count: count)
    var weightTotal = [Double](repeating: 0, count: count)
    var answered = [Int32](repeating: 0, count: count)
    var lowestSum = 0.0
    var highestSum = 0.0
    var allWeights = 0.0

    for item in scale.items {
      guard let column = responses.column(of: item.questionID),
        let question = responses.instrument.question(item.questionID),
        let range = question.choices?.numericRange
      else { continue }
      let weight = item.weight
      let mirror = range.lowerBound + range.upperBound
      lowestSum += weight * range.lowerBound
      highestSum += weight * range.upperBound
      allWeights += weight
      let values = responses.values(column)
      values.withUnsafeBufferPointer { values in
        for row in 0..<count {
          let raw = values[row]
          if raw.isNaN { continue }
          let value = item.isReversed ? mirror - raw : raw
          weightedSum[row] += weight * value
          weightTotal[row] += weight
          answered[row] += 1
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
