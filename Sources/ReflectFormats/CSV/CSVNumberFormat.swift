import Foundation

/// Numbers as the export dialect writes them: `.` as the decimal point, rounded to at most
/// 6 decimals, trailing zeros removed, never in exponent notation, and no `-0`.
///
/// Rounding is that of C's `printf("%.6f")` (correct rounding of the binary value, ties to
/// even), so that numbers agree with what R, pandas and SPSS print. Most values take a
/// fast path in integer arithmetic; the few that are huge or within a hair of a rounding
/// tie go through `printf` itself.
enum CSVNumberFormat {
  /// The longest output of the fast paths: sign, 20 digits, point, 6 decimals.
  static let maximumFastLength = 28

  /// Writes finite `value` at `target`, which must have room for `maximumFastLength`
  /// bytes, and returns the number of bytes written; or returns `nil`, writing nothing,
  /// for a value that needs `slowText(_:)`.
  static func write(_ value: Double, to target: UnsafeMutablePointer<UInt8>) -> Int? {
    let magnitude = value.magnitude
    // Integers print as integers; 2^63 keeps the conversion exact and in range.
    if magnitude < 9.223_372_036_854_775e18, magnitude.rounded(.towardZero) == magnitude {
      return write(magnitude: UInt64(magnitude), negative: value < 0, to: target)
    }
    let scaled = magnitude * 1e6
    // Below 2^52 the scaled value's fraction is exact, and the product is within half
    // an ulp of the true one, so the rounding is certain unless the fraction is within
    // that of one half.
    if scaled < 4_503_599_627_370_496 {
      let whole = scaled.rounded(.down)
      let fraction = scaled - whole
      if (fraction - 0.5).magnitude > scaled.ulp {
        let micros = UInt64(whole) + (fraction > 0.5 ? 1 : 0)
        return write(micros: micros, negative: value < 0, to: target)
      }
    }
    return nil
  }

  /// `value` as text, by `printf`: for values the fast path leaves alone.
  static func slowText(_ value: Double) -> String {
    var text = String(format: "%.6f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// Writes an integer given as magnitude and sign; returns the number of bytes.
  static func write(
    magnitude: UInt64, negative: Bool, to target: UnsafeMutablePointer<UInt8>
  ) -> Int {
    var length = 0
    if negative && magnitude != 0 {
      target[0] = UInt8(ascii: "-")
      length = 1
    }
    return length + writeDigits(magnitude, to: target + length)
  }

  /// Writes `micros / 1e6` with up to 6 decimals, trailing zeros removed.
  private static func write(
    micros: UInt64, negative: Bool, to target: UnsafeMutablePointer<UInt8>
  ) -> Int {
    var length = 0
    if negative && micros != 0 {
      target[0] = UInt8(ascii: "-")
      length = 1
    }
    length += writeDigits(micros / 1_000_000, to: target + length)
    var fraction = micros % 1_000_000
    guard fraction != 0 else { return length }
    var digits = 6
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    target[length] = UInt8(ascii: ".")
    length += 1
    // Leading zeros of the fraction, then its significant digits right to left.
    var index = length + digits - 1
    while index >= length {
      target[index] = UInt8(ascii: "0") + UInt8(fraction % 10)
      fraction /= 10
      index -= 1
    }
    return length + digits
  }

  private static func writeDigits(_ value: UInt64, to target: UnsafeMutablePointer<UInt8>) -> Int {
    var digits = 1
    var rest = value / 10
    while rest != 0 {
      digits += 1
      rest /= 10
    }
    var remaining = value
    var index = digits - 1
    while index >= 0 {
      target[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
      remaining /= 10
      index -= 1
    }
    return digits
  }
}
