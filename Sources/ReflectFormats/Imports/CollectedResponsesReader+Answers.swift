import ReflectCore

extension CollectedResponsesReader {
  /// One respondent's answers in a long or wide file, by session id as
  /// ``LongResponsesReader`` names sessions (the `session` cell, else `respondent-wave`):
  /// what a growth profile made from a CSV needs for the reflections (and the answers
  /// that decide which of them were shown).
  ///
  /// - Throws: ``ResponsesReadError`` when the file has problems.
  public func answers(
    of respondent: String, path: String
  ) throws -> [String: [String:
    AnswerValue]]
  {
    var reader = self
    reader.respondent = respondent
    var given: [(session: Int, question: String, value: AnswerValue)] = []
    let collected = try reader.read(
      path: path,
      answers: { session, question, value, _ in given.append((session, question, value)) })
    var answers: [String: [String: AnswerValue]] = [:]
    for answer in given {
      let session = collected.sessions[answer.session]
      answers[session.label ?? "\(session.respondent)-\(session.wave)", default: [:]][
        answer.question] = answer.value
    }
    return answers
  }
}
