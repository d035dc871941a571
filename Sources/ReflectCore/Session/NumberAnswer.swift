/// Reading and showing the answer to a `number` question.
///
/// Accepted: digits with an optional sign (`-`, `+`, or the typographic minus `−`) and
/// one optional decimal separator, a point or a comma (`3`, `-2`, `3.5`, `3,5`, `.5`).
/// Refused: exponents (`1e3`), `nan`, `inf`, spaces or letters inside, and anything that
/// looks like a thousands separator, because `1,500` and `1.000.000` mean different
/// numbers in different countries: two or more separators between digits (`1.000.000`,
/// `1,000.5`), or a comma between a non-zero whole part and exactly three digits
/// (`1,500`, but not `0,125`). A value that overflows a `Double` is too large.
enum NumberAnswer {
  enum Reading: Equatable {
    case value(Double)
    case notANumber
    case thousandsSeparator
  }

  static func read(_ text: String) -> Reading {
    var scalars = Substring(text).unicodeScalars[...]
    var negative = false
    if let sign = scalars.first, sign == "-" || sign == "+" || sign == "\u{2212}" {
      negative = sign != "+"
      scalars = scalars.dropFirst()
    }
    // The digit groups around the separators: `1,500.25` is ["1", "500", "25"].
    var groups: [String] = [""]
    var separators: [Unicode.Scalar] = []
    for scalar in scalars {
      switch scalar {
      case "0"..."9":
        groups[groups.count - 1].unicodeScalars.append(scalar)
      case ".", ",":
        separators.append(scalar)
        groups.append("")
      default:
        return .notANumber
      }
    }
    guard groups.contains(where: { !$0.isEmpty }) else { return .notANumber }
    if separators.count > 1 {
      // Digits in every group (`1.000.000`, `1,000.5`) are grouped thousands; anything
      // else (`1..2`) is no number at all.
      return groups.allSatisfy { !$0.isEmpty } ? .thousandsSeparator : .notANumber
    }
    let whole = groups[0]
    let fraction = groups.count > 1 ? groups[1] : ""
    // `0,125` can only be a decimal; `1,500` could be either.
    let wholeIsZero = whole.unicodeScalars.allSatisfy { $0 == "0" }
    if separators.first == ",", !wholeIsZero, fraction.unicodeScalars.count == 3 {
      return .thousandsSeparator
    }
    let literal = (whole.isEmpty ? "0" : whole) + (fraction.isEmpty ? "" : "." + fraction)
    guard let magnitude = Double(literal) else { return .notANumber }
    // `-0` is stored as 0, so that it prints and compares as the person meant.
    return .value(negative && magnitude != 0 ? -magnitude : magnitude)
  }

  /// A number as the runner shows it: whole numbers without a decimal point.
  static func format(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return String(value)
  }
}
