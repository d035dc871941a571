/// How a file of collected responses is laid out (`reflect import --layout`).
public enum ImportLayout: String, Sendable, Hashable, CaseIterable {
  /// One row per session: `respondent`, optional `wave` and session columns, then one
  /// column per question id (the `wide` export's columns).
  case wide
  /// One row per answer: `respondent, wave, item, value` and optionally the other
  /// columns of the `long` export.
  case long
}
