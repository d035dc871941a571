/// A linear map from data values (the domain) to positions in a chart (the range), with
/// "nice" ticks: steps of 1, 2, 2.5 or 5 times a power of ten.
struct LinearScale: Sendable, Hashable {
  var domainLower: Double
  var domainUpper: Double
  /// The positions of `domainLower` and `domainUpper`; the range may run backwards (a
  /// y axis grows upwards).
  var rangeStart: Double
  var rangeEnd: Double

  /// A scale from `domain` to positions `range.start ... range.end`. An empty or
  /// reversed domain is widened by one unit around its lower end, so no value divides by
  /// zero.
  init(domain: (lower: Double, upper: Double), range: (start: Double, end: Double)) {
    var lower = domain.lower.isFinite ? domain.lower : 0
    var upper = domain.upper.isFinite ? domain.upper : 1
    if !(upper > lower) {
      lower -= 0.5
      upper = lower + 1
    }
    domainLower = lower
    domainUpper = upper
    rangeStart = range.start
    rangeEnd = range.end
  }

  /// The position of `value`; values outside the domain extend the line beyond the range.
  func callAsFunction(_ value: Double) -> Double {
    rangeStart + (value - domainLower) / (domainUpper - domainLower) * (rangeEnd - rangeStart)
  }

  /// The position of `value` clamped to the domain.
  func clamped(_ value: Double) -> Double {
    self(min(max(value, domainLower), domainUpper))
  }

  /// About `count` round values within the domain, ends included when they are round.
  func ticks(count: Int = 5) -> [Double] {
    let step = Self.niceStep(span: domainUpper - domainLower, count: count)
    let first = Int64((domainLower / step - 1e-9).rounded(.up))
    let last = Int64((domainUpper / step + 1e-9).rounded(.down))
    guard first <= last, last - first <= 1000 else { return [domainLower, domainUpper] }
    return (first...last).map { Double($0) * step }
  }

  /// How many decimals the labels of ``ticks(count:)`` need.
  func tickDecimals(count: Int = 5) -> Int {
    let step = Self.niceStep(span: domainUpper - domainLower, count: count)
    var decimals = 0
    var scaled = step
    while decimals < 6, abs(scaled - scaled.rounded()) > 1e-9 {
      decimals += 1
      scaled *= 10
    }
    return decimals
  }

  /// The round step closest above `span / count`: 1, 2, 2.5 or 5 times a power of ten.
  static func niceStep(span: Double, count: Int) -> Double {
    let raw = span / Double(max(count, 1))
    guard raw.isFinite, raw > 0 else { return 1 }
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let normalised = raw / magnitude
    let factor: Double =
      normalised <= 1 + 1e-9
      ? 1
      : normalised <= 2 + 1e-9
        ? 2 : normalised <= 2.5 + 1e-9 ? 2.5 : normalised <= 5 + 1e-9 ? 5 : 10
    return factor * magnitude
  }
}
