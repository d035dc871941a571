/// How an export is written: which files, for which program, and what is left out or
/// replaced for privacy.
public struct ExportOptions: Sendable {
  /// The files to write; all of them by default. Written in the order of
  /// ``ExportKind/allCases`` whatever the order here.
  public var kinds: [ExportKind]
  /// Starts every CSV file with a UTF-8 byte-order mark, so that Excel reads accents
  /// correctly (`--excel`).
  public var byteOrderMark: Bool
  /// Writes free-text reflection answers; `false` leaves them out of every file
  /// (`--no-text`).
  public var includesText: Bool
  /// Replaces every respondent and mentor id with a keyed pseudonym when set
  /// (`--pseudonymize`).
  public var pseudonymizer: Pseudonymizer?

  public init(
    kinds: [ExportKind] = ExportKind.allCases, byteOrderMark: Bool = false,
    includesText: Bool = true, pseudonymizer: Pseudonymizer? = nil
  ) {
    self.kinds = kinds
    self.byteOrderMark = byteOrderMark
    self.includesText = includesText
    self.pseudonymizer = pseudonymizer
  }
}
