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
    // Integers print as integers; 2^63 keeps the conversion exact and in range. (Whole
    // parts are taken by converting to an integer, which truncates, rather than with
    // `rounded`, which on x86-64 calls the C library's `trunc` and `floor`.)
    if magnitude < 9.223_372_036_854_775e18 {
      let whole = UInt64(magnitude)
      if Double(whole) == magnitude {
        return write(magnitude: whole, negative: value < 0, to: target)
      }
    }
    let scaled = magnitude * 1e6
    // Below 2^52 the scaled value's fraction is exact, and the product is within half
    // an ulp of the true one, so the rounding is certain unless the fraction is within
    // that of one half.
    if scaled < 4_503_599_627_370_496 {
      let whole = UInt64(scaled)
      let fraction = scaled - Double(whole)
      if (fraction - 0.5).magnitude > scaled.ulp {
        let micros = whole + (fraction > 0.5 ? 1 : 0)
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
    let fraction = micros % 1_000_000
    guard fraction != 0 else { return length }
    // All six decimals as three pairs, then the trailing zeros dropped: fewer divisions
    // than a digit at a time, and this runs for most cells of a score report.
    target[length] = UInt8(ascii: ".")
    let decimals = target + length + 1
    writePair(Int(fraction / 10_000), to: decimals)
    writePair(Int(fraction / 100 % 100), to: decimals + 2)
    writePair(Int(fraction % 100), to: decimals + 4)
    var digits = 6
    while decimals[digits - 1] == UInt8(ascii: "0") { digits &-= 1 }
    return length + 1 + digits
  }

  /// Writes the decimal digits of `value`, without leading zeros (`0` for zero).
  private static func writeDigits(_ value: UInt64, to target: UnsafeMutablePointer<UInt8>) -> Int {
    if value < 10 {
      target[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)
      return 1
    }
    if value < 100 {
      writePair(Int(value), to: target)
      return 2
    }
    var digits = 3
    var bound: UInt64 = 1000
    while digits < 20 && value >= bound {
      digits += 1
      bound &*= 10
    }
    // Pairs from the right, then the odd leading digit if there is one.
    var remaining = value
    var index = digits
    while index >= 2 {
      writePair(Int(remaining % 100), to: target + index - 2)
      remaining /= 100
      index -= 2
    }
    if index == 1 {
      target[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining)
    }
    return digits
  }

  /// Writes `pair` (0 to 99) as two digits.
  @inline(__always)
  private static func writePair(_ pair: Int, to target: UnsafeMutablePointer<UInt8>) {
    let tens = pair / 10
    target[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: tens)
    target[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: pair &- tens &* 10)
  }
}
