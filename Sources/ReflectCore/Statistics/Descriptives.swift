import Foundation

/// Sample descriptive statistics: mean, variance and standard deviation (n − 1), and
/// Pearson's correlation.
///
/// Every function takes any random-access collection of `Double` (an `Array`, an
/// `ArraySlice`, an `UnsafeBufferPointer`) and works on its contiguous storage without
/// copying. A figure that is undefined for the data (too few values, a non-finite value,
/// no variance for a correlation, or a result too large for `Double`) is `nil`, never
/// `NaN`.
public enum Descriptives {
  /// The arithmetic mean; `nil` for no values or a non-finite value.
  public static func mean(_ values: some RandomAccessCollection<Double>) -> Double? {
    withBuffer(values) { mean(buffer: $0) }
  }

  /// The sample variance with n − 1 in the denominator; `nil` for fewer than 2 values or a
  /// non-finite value.
  public static func variance(_ values: some RandomAccessCollection<Double>) -> Double? {
    withBuffer(values) { variance(buffer: $0) }
  }

  /// The sample standard deviation, √variance; `nil` where ``variance(_:)`` is.
  public static func standardDeviation(
    _ values: some RandomAccessCollection<Double>
  )
    -> Double?
  {
    variance(values).map { $0.squareRoot() }
  }

  /// Pearson's product-moment correlation of paired values, in [−1, 1].
  ///
  /// - Returns: `nil` when the collections differ in length, hold fewer than 2 pairs or a
  ///   non-finite value, or when either has zero variance.
  public static func pearsonCorrelation(
    _ x: some RandomAccessCollection<Double>, _ y: some RandomAccessCollection<Double>
  ) -> Double? {
    withBuffer(x) { x in withBuffer(y) { y in pearsonCorrelation(buffer: x, y) } }
  }

  // MARK: - Buffer implementations, shared by the other statistics

  static func mean(buffer x: UnsafeBufferPointer<Double>) -> Double? {
    guard !x.isEmpty else { return nil }
    let n = Double(x.count)
    var sum = 0.0
    for value in x { sum += value }
    if !sum.isFinite {
      // Either a non-finite value, or finite values whose sum overflows: the mean of
      // finite values always fits, so add them pre-divided.
      guard x.allSatisfy(\.isFinite) else { return nil }
      sum = 0
      for value in x { sum += value / n }
      return finite(sum)
    }
    let first = sum / n
    // A second pass removes most of the rounding error of the first (corrected two-pass).
    var residual = 0.0
    for value in x { residual += value - first }
    return first + residual / n
  }

  /// Σ (xᵢ − m)², with the corrected two-pass adjustment; `nil` when it overflows.
  static func sumOfSquaredDeviations(
    _ x: UnsafeBufferPointer<Double>, about m: Double
  )
    -> Double?
  {
    var squares = 0.0
    var residual = 0.0
    for value in x {
      let deviation = value - m
      squares += deviation * deviation
      residual += deviation
    }
    return finite(max(0, squares - residual * residual / Double(x.count)))
  }

  static func variance(buffer x: UnsafeBufferPointer<Double>) -> Double? {
    guard x.count >= 2, let m = mean(buffer: x), let squares = sumOfSquaredDeviations(x, about: m)
    else { return nil }
    return finite(squares / Double(x.count - 1))
  }

  static func pearsonCorrelation(
    buffer x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>
  )
    -> Double?
  {
    guard x.count == y.count, x.count >= 2, let mx = mean(buffer: x), let my = mean(buffer: y)
    else {
      return nil
    }
    var sxx = 0.0
    var syy = 0.0
    var sxy = 0.0
    for i in 0..<x.count {
      let dx = x[i] - mx
      let dy = y[i] - my
      sxx += dx * dx
      syy += dy * dy
      sxy += dx * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    // Separate square roots, so that the product of two large sums cannot overflow.
    guard let r = finite(sxy / (sxx.squareRoot() * syy.squareRoot())) else { return nil }
    return min(1, max(-1, r))
  }

  /// Calls `body` with the contiguous storage of `values`, copying only if there is none.
  static func withBuffer<Result>(
    _ values: some RandomAccessCollection<Double>,
    _ body: (UnsafeBufferPointer<Double>) -> Result
  ) -> Result {
    if let result = values.withContiguousStorageIfAvailable(body) { return result }
    return Array(values).withUnsafeBufferPointer(body)
  }

  private static func finite(_ value: Double) -> Double? {
    value.isFinite ? value : nil
  }
}
