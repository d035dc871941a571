/// Ranks of values with ties given their average rank (1-based), as R's `rank` and
/// `scipy.stats.rankdata(method="average")` assign them.
public struct Ranking: Sendable, Hashable {
  /// The rank of each value, in the order of the values: 1 for the smallest, ties sharing
  /// the mean of the ranks they span (two values tied for 2nd and 3rd both rank 2.5).
  public let ranks: [Double]
  /// The size of each group of equal values that holds more than one value, in ascending
  /// order of the values: what tie corrections need.
  public let tieGroupSizes: [Int]

  /// Ranks `values`; `nil` if a value is `NaN`, which has no place in the order.
  ///
  /// `-0.0` and `0.0` are equal, so they tie.
  public init?(_ values: some RandomAccessCollection<Double>) {
    let values = Array(values)
    guard !values.contains(where: \.isNaN) else { return nil }
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieGroupSizes: [Int] = []
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
      // Positions start..<end hold ranks start + 1 … end; their mean:
      let averageRank = 0.5 * Double(start + 1 + end)
      for position in start..<end { ranks[order[position]] = averageRank }
      if end - start > 1 { tieGroupSizes.append(end - start) }
      start = end
    }
    self.ranks = ranks
    self.tieGroupSizes = tieGroupSizes
  }

  /// Σ (tⱼ³ − tⱼ) over the tie groups, the term that tie corrections subtract.
  public var tieCorrectionTerm: Double {
    tieGroupSizes.reduce(0) { sum, size in
      let t = Double(size)
      return sum + (t * t * t - t)
    }
  }
}
