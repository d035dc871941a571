/// Why a growth analysis could not be made: the request names something the data do not
/// hold. Commands map it to exit status 1.
///
/// The message names the respondent or wave asked for, never anyone's answers.
public struct GrowthError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, for programs.
  public enum Code: String, Sendable, Hashable {
    /// The respondent has no session of the instrument.
    case unknownRespondent = "unknown-respondent"
    /// No session of the instrument is at the wave.
    case unknownWave = "unknown-wave"
    /// A comparison of a wave with itself.
    case sameWave = "same-wave"
  }

  public var code: Code
  /// What happened and what to do next, in one sentence for the user.
  public var message: String

  public init(code: Code, message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }

  /// (Where to see who has sessions depends on where the answers came from: the caller
  /// says, e.g. the store's `reflect sessions`, or the file's respondent column.)
  static func unknownRespondent(_ respondent: String, instrument: String) -> GrowthError {
    GrowthError(
      code: .unknownRespondent,
      message:
        "respondent '\(respondent)' has no session of '\(instrument)'")
  }

  static func unknownWave(_ wave: String, instrument: String, available: [String]) -> GrowthError {
    let known = available.isEmpty ? "there are none" : "waves: " + available.joined(separator: ", ")
    return GrowthError(
      code: .unknownWave,
      message: "no session of '\(instrument)' is at wave '\(wave)' (\(known))")
  }

  static func sameWave(_ wave: String) -> GrowthError {
    GrowthError(
      code: .sameWave,
      message: "cannot compare wave '\(wave)' with itself; give two different waves")
  }
}
