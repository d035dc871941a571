/// The `'` that keeps a spreadsheet from running a text cell as a formula (OWASP's
/// advice), added by ``CSVWriter`` and taken away again by the readers.
///
/// A cell is neutralised when its text is any number of `'` followed by `=`, `+`, `-`,
/// `@`, a tab or a carriage return. Counting the existing apostrophes makes the rule
/// reversible: a reflection that really starts with `'=` is written `''=` and read back as
/// `'=`, so an export imports without losing or changing a character.
package enum FormulaNeutralization {
  /// Whether a cell whose text is `text` gets a leading `'`.
  @inline(__always)
  package static func needsApostrophe(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < text.count, text[index] == apostrophe { index += 1 }
    return index < text.count && startsFormula(text[index])
  }

  /// The text as it was before the writer neutralised it: one leading `'` fewer when the
  /// rest is text the writer would have neutralised.
  package static func original(_ cell: String) -> String {
    guard cell.utf8.first == apostrophe else { return cell }
    let rest = cell.utf8.dropFirst()
    guard let next = rest.first(where: { $0 != apostrophe }), startsFormula(next) else {
      return cell
    }
    return String(cell.dropFirst())
  }

  private static let apostrophe = UInt8(ascii: "'")

  /// Whether a text cell starting with `byte` would be run as a formula by a spreadsheet.
  @inline(__always)
  private static func startsFormula(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
      true
    default:
      false
    }
  }
}
