/// Ordinary least-squares fits, for trends of a score over waves.
public enum LeastSquares {
  /// The slope of the least-squares line of `y` on `x`, Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².
  ///
  /// - Returns: `nil` when the arrays differ in length, hold fewer than 2 points or a
  ///   non-finite value, or when `x` does not vary.
  public static func slope(
    of y: some RandomAccessCollection<Double>, on x: some RandomAccessCollection<Double>
  ) -> Double? {
    Descriptives.withBuffer(x) { x in
      Descriptives.withBuffer(y) { y in slope(buffer: y, on: x) }
    }
  }

  /// The trend per wave: the slope of `scores` on their positions 0, 1, 2, …
  /// (`slope_per_wave`); `nil` for fewer than 2 scores or a non-finite score.
  public static func slopePerWave(_ scores: some RandomAccessCollection<Double>) -> Double? {
    slope(of: scores, on: (0..<scores.count).map(Double.init))
  }

  private static func slope(
    buffer y: UnsafeBufferPointer<Double>, on x: UnsafeBufferPointer<Double>
  )
    -> Double?
  {
    guard x.count == y.count, x.count >= 2, let mx = Descriptives.mean(buffer: x),
      let my = Descriptives.mean(buffer: y)
    else { return nil }
    var sxx = 0.0
    var sxy = 0.0
    for i in 0..<x.count {
      let dx = x[i] - mx
      sxx += dx * dx
      sxy += dx * (y[i] - my)
    }
    guard sxx > 0 else { return nil }
    let slope = sxy / sxx
    return slope.isFinite ? slope : nil
  }
}
