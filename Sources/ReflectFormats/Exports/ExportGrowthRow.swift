import ReflectCore

/// One person's change on one scale between two consecutive waves: a row of the
/// `growth` file. The numbers are computed elsewhere (ReflectCore's growth); an export
/// only writes them.
public struct ExportGrowthRow: Sendable, Hashable {
  public var respondent: String
  /// The scale's or composite's id.
  public var scale: String
  /// The earlier wave.
  public var from: String
  /// The later wave.
  public var to: String
  public var scoreFrom: Double?
  public var scoreTo: Double?
  public var change: Double?
  /// The reliable change index; `nil` when the scale has no reliability to judge by.
  public var rci: Double?
  public var classification: ReliableChange.Classification?

  public init(
    respondent: String, scale: String, from: String, to: String, scoreFrom: Double?,
    scoreTo: Double?, change: Double?, rci: Double?,
    classification: ReliableChange.Classification?
  ) {
    self.respondent = respondent
    self.scale = scale
    self.from = from
    self.to = to
    self.scoreFrom = scoreFrom
    self.scoreTo = scoreTo
    self.change = change
    self.rci = rci
    self.classification = classification
  }
}
