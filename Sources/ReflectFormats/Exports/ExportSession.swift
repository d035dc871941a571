import ReflectCore

/// One session as an export sees it: who, which wave, when, and the current answers.
///
/// A neutral shape, so that exports need no store: the store (or anything else) fills
/// it in. Timestamps are ISO 8601 text, written as they are.
public struct ExportSession: Sendable, Hashable {
  public var respondent: String
  public var wave: String
  /// The session's id, unique within the export (the store's session number).
  public var session: String
  public var instrumentID: String
  public var version: String
  public var startedAt: String?
  public var completedAt: String?
  /// `open` or `complete`, as the store has it.
  public var status: String
  /// Current answers by question id. Answers to ids the instrument lacks are not exported.
  public var answers: [String: AnswerValue]
  /// When each answer was given, by question id (ISO 8601).
  public var answeredAt: [String: String]

  public init(
    respondent: String, wave: String, session: String, instrumentID: String, version: String,
    startedAt: String? = nil, completedAt: String? = nil, status: String = "complete",
    answers: [String: AnswerValue], answeredAt: [String: String] = [:]
  ) {
    self.respondent = respondent
    self.wave = wave
    self.session = session
    self.instrumentID = instrumentID
    self.version = version
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.status = status
    self.answers = answers
    self.answeredAt = answeredAt
  }
}
