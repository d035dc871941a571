/// Cronbach's alpha of a scale, with the corrected item–total correlation and the alpha if
/// deleted of each item (docs/statistics.md, "Reliability").
///
/// The input is one column of values per item, already recoded (reverse-keyed items
/// reversed), one row per person. Rows with a missing (`NaN`) or otherwise non-finite
/// value are left out, so the figures are on complete cases only, as in
/// `pingouin.cronbach_alpha(nan_policy="listwise")` and psych's `alpha` on complete data.
/// A figure that cannot be computed is a ``Reason``, never `NaN`.
public struct CronbachAlpha: Sendable, Hashable {
  /// Why a figure could not be computed.
  public enum Reason: Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Fewer than 2 rows without a missing value.
    case fewerThanTwoCompleteCases
    /// Fewer than 2 items (for alpha if deleted: only one item would remain).
    case fewerThanTwoItems
    /// Every complete case has the same total, so alpha's denominator is zero.
    case zeroTotalVariance
    /// The item has the same value in every complete case, so it correlates with nothing.
    case zeroItemVariance
    /// The sum of the other items is the same in every complete case.
    case zeroRestScoreVariance
    /// The item columns differ in length, so they do not form rows.
    case unequalItemLengths
    /// The values are too large for the computation in `Double`.
    case overflow

    /// A short, human explanation, to show in place of the figure.
    public var description: String {
      switch self {
      case .fewerThanTwoCompleteCases: "fewer than 2 complete cases"
      case .fewerThanTwoItems: "fewer than 2 items"
      case .zeroTotalVariance: "the total score does not vary across complete cases"
      case .zeroItemVariance: "the item does not vary across complete cases"
      case .zeroRestScoreVariance: "the sum of the other items does not vary across complete cases"
      case .unequalItemLengths: "the items have different numbers of values"
      case .overflow: "the values are too large to compute with"
      }
    }
  }

  /// The figures of one item.
  public struct Item: Sendable, Hashable {
    /// Pearson's r of the item with the sum of the other items.
    public let correctedItemTotalCorrelation: Result<Double, Reason>
    /// Alpha over the other k − 1 items.
    public let alphaIfDeleted: Result<Double, Reason>
  }

  /// k, the number of items.
  public let itemCount: Int
  /// n, the number of rows without a missing value (0 when the columns differ in length).
  public let completeCaseCount: Int
  /// α = k/(k−1) · (1 − Σ sᵢ² / s_X²), with sample variances (n − 1).
  public let alpha: Result<Double, Reason>
  /// One entry per item, in the order of `items`.
  public let items: [Item]

  /// Computes alpha and the item figures from `items`, one column of values per item.
  public init(items columns: [[Double]]) {
    itemCount = columns.count
    let length = columns.first?.count ?? 0
    guard columns.allSatisfy({ $0.count == length }) else {
      completeCaseCount = 0
      alpha = .failure(.unequalItemLengths)
      items = columns.map { _ in
        Item(
          correctedItemTotalCorrelation: .failure(.unequalItemLengths),
          alphaIfDeleted: .failure(.unequalItemLengths))
      }
      return
    }
    let complete = (0..<length).filter { row in columns.allSatisfy { $0[row].isFinite } }
    let matrix = columns.map { column in complete.map { column[$0] } }
    completeCaseCount = complete.count
    let all = Array(matrix.indices)
    alpha = Self.alpha(of: all, in: matrix)
    items = all.map { item in
      let others = all.filter { $0 != item }
      return Item(
        correctedItemTotalCorrelation: Self.itemRestCorrelation(item, others, in: matrix),
        alphaIfDeleted: Self.alpha(of: others, in: matrix))
    }
  }

  /// Alpha over the columns `subset` of the complete-case `matrix`.
  private static func alpha(of subset: [Int], in matrix: [[Double]]) -> Result<Double, Reason> {
    guard subset.count >= 2 else { return .failure(.fewerThanTwoItems) }
    guard let n = matrix.first?.count, n >= 2 else { return .failure(.fewerThanTwoCompleteCases) }
    var itemVariances = 0.0
    for item in subset {
      guard let variance = Descriptives.variance(matrix[item]) else { return .failure(.overflow) }
      itemVariances += variance
    }
    guard let totalVariance = Descriptives.variance(total(of: subset, in: matrix)) else {
      return .failure(.overflow)
    }
    guard totalVariance > 0 else { return .failure(.zeroTotalVariance) }
    let k = Double(subset.count)
    let value = k / (k - 1) * (1 - itemVariances / totalVariance)
    return value.isFinite ? .success(value) : .failure(.overflow)
  }

  /// Pearson's r of column `item` with the sum of the columns `others`.
  private static func itemRestCorrelation(
    _ item: Int, _ others: [Int], in matrix: [[Double]]
  )
    -> Result<Double, Reason>
  {
    guard !others.isEmpty else { return .failure(.fewerThanTwoItems) }
    guard let n = matrix.first?.count, n >= 2 else { return .failure(.fewerThanTwoCompleteCases) }
    let rest = total(of: others, in: matrix)
    guard let itemVariance = Descriptives.variance(matrix[item]),
      let restVariance = Descriptives.variance(rest)
    else { return .failure(.overflow) }
    guard itemVariance > 0 else { return .failure(.zeroItemVariance) }
    guard restVariance > 0 else { return .failure(.zeroRestScoreVariance) }
    guard let r = Descriptives.pearsonCorrelation(matrix[item], rest) else {
      return .failure(.overflow)
    }
    return .success(r)
  }

  /// The row sums over the columns `subset`, added directly rather than as the full total
  /// minus an item, so that no cancellation enters.
  private static func total(of subset: [Int], in matrix: [[Double]]) -> [Double] {
    var sums = [Double](repeating: 0, count: matrix.first?.count ?? 0)
    for item in subset {
      for (row, value) in matrix[item].enumerated() { sums[row] += value }
    }
    return sums
  }
}
