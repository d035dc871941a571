/// Why a ``CohortSimulation`` cannot be set up as asked. Each message says what to
/// change.
public enum SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The respondent count is below 1 or above ``CohortSimulation/maximumRespondents``.
  case respondentsOutOfRange(Int)
  /// The list of waves is empty.
  case noWaves
  /// A wave label is empty.
  case emptyWaveLabel
  /// A wave label appears twice.
  case duplicateWave(String)
  /// The effect is not a finite number.
  case effectNotFinite
  /// A non-zero effect with a single wave: there is no change to show.
  case effectNeedsTwoWaves(Double)
  /// A rate or proportion of ``CohortSimulation/Options`` is outside its range.
  case optionOutOfRange(name: String, value: Double, range: String)
  /// The instrument has no `rating` question with numeric choices.
  case nothingToSimulate(instrument: String)
  /// The scale's choices cannot express so large a change: even an extreme shift of
  /// everyone's trait moves the observed scores by at most `maximum` first-wave SDs.
  case effectNotAttainable(scale: String, effect: Double, maximum: Double)
  /// The answers would fall outside the years 1 to 9999, which the timestamp format
  /// holds.
  case startOutOfRange(SimulatedTimestamp)

  public var description: String {
    switch self {
    case .respondentsOutOfRange(let count):
      "the number of respondents must be from 1 to "
        + "\(CohortSimulation.maximumRespondents) (got \(count))"
    case .noWaves:
      "give at least one wave label, e.g. pre,post"
    case .emptyWaveLabel:
      "wave labels must not be empty; give labels such as pre,post"
    case .duplicateWave(let label):
      "wave '\(label)' is listed twice; each wave needs its own label"
    case .effectNotFinite:
      "the effect must be a finite number of standard deviations, such as 0.5"
    case .effectNeedsTwoWaves(let effect):
      "an effect (\(effect)) needs at least two waves to change between; "
        + "give waves such as pre,post, or an effect of 0"
    case .optionOutOfRange(let name, let value, let range):
      "\(name) must be in \(range) (got \(value))"
    case .nothingToSimulate(let instrument):
      "instrument '\(instrument)' has no rating questions with numeric choices, "
        + "so there is nothing to simulate"
    case .effectNotAttainable(let scale, let effect, let maximum):
      "scale '\(scale)' cannot change by \(effect) SD: its choices allow at most about "
        + "\(Self.rounded(maximum)) SD in that direction; give a smaller effect"
    case .startOutOfRange(let start):
      "simulated answers starting at \(start.secondsSince1970) s after 1970 would fall "
        + "outside the years 1 to 9999; give a start such as 2025-01-06T09:00:00Z"
    }
  }

  /// Two decimals are enough for a limit shown to a person.
  private static func rounded(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "\(value)" }
    return "\(hundredths / 100)"
  }
}
