/// Numbers in SVG and chart labels, formatted the same on every machine: no locale, no
/// exponent, a fixed number of decimals at most, trailing zeros dropped.
enum SVGNumber {
  /// `value` rounded to `decimals` places (at most 6), without trailing zeros:
  /// `12.5`, `3`, `-0.25`. Values that are not finite, or beyond ±1e12, print as `0`.
  static func format(_ value: Double, decimals: Int = 2) -> String {
    let places = min(max(decimals, 0), 6)
    guard value.isFinite, abs(value) < 1e12 else { return "0" }
    var factor: Int64 = 1
    for _ in 0..<places { factor *= 10 }
    let scaled = Int64((value * Double(factor)).rounded())
    guard scaled != 0 else { return "0" }
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(factor)
    var fraction = magnitude % UInt64(factor)
    var text = (scaled < 0 ? "-" : "") + String(whole)
    guard fraction != 0 else { return text }
    var digits = places
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let fractionText = String(fraction)
    text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    return text
  }

  /// `value` with exactly `decimals` places, for tables and labels (`3.20`).
  static func fixed(_ value: Double, decimals: Int = 2) -> String {
    let text = formatFixed(value, decimals: decimals)
    // A value that rounds to zero from below reads as zero, not "-0.00".
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// `value` with a sign: `+0.45`, `-1.20`, `0.00`.
  static func signed(_ value: Double, decimals: Int = 2) -> String {
    let text = fixed(value, decimals: decimals)
    return text.hasPrefix("-") || Double(text) == 0 ? text : "+" + text
  }
}
