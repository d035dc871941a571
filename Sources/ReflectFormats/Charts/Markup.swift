/// Escaping for HTML and SVG: every text a report shows (respondent ids, feedback,
/// reflections, instrument titles) is untrusted and goes through here.
///
/// The result is valid both in HTML and in XML, so that every inline `<svg>` stays
/// well-formed: characters XML forbids (most C0 controls) become U+FFFD.
enum Markup {
  /// `value` as element content.
  static func text(_ value: String) -> String {
    escape(value, quotes: false)
  }

  /// `value` inside a double-quoted attribute.
  static func attribute(_ value: String) -> String {
    escape(value, quotes: true)
  }

  private static func escape(_ value: String, quotes: Bool) -> String {
    var result = ""
    result.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where quotes: result += "&quot;"
      case "'" where quotes: result += "&#39;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        // C0 controls, DEL and C1 controls, and the two non-characters XML forbids.
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
