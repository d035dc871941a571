/// One simulated answer: a row of the `long` export (`respondent, wave, session,
/// instrument, version, item, value, label, answered_at`; the instrument and version
/// are the simulation's own).
///
/// The strings are shared with the simulation's precomputed tables (item ids, choice
/// values and labels) or made once per respondent and session, so producing a row
/// allocates nothing; the indices let columnar consumers skip string lookups.
public struct SimulatedAnswer: Sendable, Hashable {
  /// The respondent's id, `p` and a number zero-padded to the width of the cohort size.
  public let respondent: String
  /// The respondent's position in the cohort, from 0.
  public let respondentIndex: Int
  /// The wave's label.
  public let wave: String
  /// The wave's position, from 0.
  public let waveIndex: Int
  /// The session's id, `s-<wave>-<respondent>`.
  public let session: String
  /// The question's id.
  public let item: String
  /// The question's position in ``CohortSimulation/itemIDs``.
  public let itemIndex: Int
  /// The chosen option's value, as the instrument defines it.
  public let value: String
  /// The chosen option's label in the instrument's default language.
  public let label: String
  /// Whether the chosen option is a `missing` one such as "Not applicable".
  public let isMissingChoice: Bool
  /// When the question was answered.
  public let answeredAt: SimulatedTimestamp
}
