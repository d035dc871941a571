/// The reliability of one scale at one wave (`reflect reliability`).
public struct ScaleReliability: Sendable, Hashable {
  public struct Item: Sendable, Hashable {
    public var item: String
    public var itemTotalR: Double?
    public var alphaIfDeleted: Double?
  }

  public var scale: String
  public var wave: String
  /// Complete cases: sessions that answered every item of the scale.
  public var n: Int
  public var k: Int
  public var alpha: Double?
  /// Why `alpha` is missing, in words.
  public var reason: String?
  public var items: [Item]
}

extension Scoring {
  /// Cronbach's alpha of every scale over the sessions of `wave`, with items recoded
  /// (reverse keys applied), on complete cases, as `statistics.md` defines it.
  public static func reliability(_ responses: Responses, wave: String) -> [ScaleReliability] {
    let rows = responses.rows(inWave: wave)
    return responses.instrument.scales.map { scale in
      var columns: [[Double]] = []
      for item in scale.items {
        guard let column = responses.column(of: item.questionID),
          let range = responses.instrument.question(item.questionID)?.choices?.numericRange
        else { continue }
        let values = responses.values(column)
        let mirror = range.lowerBound + range.upperBound
        columns.append(rows.map { item.isReversed ? mirror - values[$0] : values[$0] })
      }
      let result = CronbachAlpha(items: columns)
      return ScaleReliability(
        scale: scale.id, wave: wave, n: result.completeCaseCount, k: result.itemCount,
        alpha: try? result.alpha.get(),
        reason: result.alpha.failureDescription,
        items: zip(scale.items, result.items).map { item, figures in
          ScaleReliability.Item(
            item: item.questionID, itemTotalR: try? figures.correctedItemTotalCorrelation.get(),
            alphaIfDeleted: try? figures.alphaIfDeleted.get())
        })
    }
  }
}

extension Result {
  /// The failure's description, or `nil` on success.
  fileprivate var failureDescription: String? {
    if case .failure(let reason) = self { "\(reason)" } else { nil }
  }
}
