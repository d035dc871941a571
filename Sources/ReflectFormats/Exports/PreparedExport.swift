import ReflectCore

/// The data of an export as every file writes it: ids already replaced by pseudonyms,
/// free text already left out, only the answers that count, and the roster columns and
/// scores worked out once.
struct PreparedExport: Sendable {
  let instrument: Instrument
  let options: ExportOptions
  /// The sessions, with answers only to the exported questions that are visible under
  /// the session's answers.
  let sessions: [ExportSession]
  /// The questions that have a column in `wide` and rows in `long`: every question in
  /// definition order, without reflections under `--no-text`.
  let questions: [Question]
  let roster: ExportRoster
  /// The roster attributes written, in order: the attribute's name and its column's name.
  let rosterColumns: [(attribute: String, column: String)]
  let growth: [ExportGrowthRow]
  /// The sessions in the shape scoring needs; its rows are those of `sessions`.
  let responses: Responses
  let scores: [ScoreColumn]

  /// The column names of the fixed columns of every file, which roster attributes must
  /// not take.
  static let fixedColumns: Set<String> = Set(
    LongCSV.columns + WideExport.sessionColumns + ScoresExport.columns + GrowthExport.columns)

  init(
    instrument: Instrument, sessions: [ExportSession], roster: ExportRoster,
    growth: [ExportGrowthRow], options: ExportOptions
  ) {
    self.instrument = instrument
    self.options = options
    questions = instrument.questions.filter {
      options.includesText || $0.kind != .reflection
    }
    let exported = Set(questions.map(\.id))

    var sessions = sessions
    var roster = roster
    var growth = growth
    if let pseudonymizer = options.pseudonymizer {
      var cache: [String: String] = [:]
      func pseudonym(_ id: String) -> String {
        if let known = cache[id] { return known }
        let made = pseudonymizer.pseudonym(for: id)
        cache[id] = made
        return made
      }
      for index in sessions.indices {
        sessions[index].respondent = pseudonym(sessions[index].respondent)
      }
      for index in growth.indices {
        growth[index].respondent = pseudonym(growth[index].respondent)
      }
      var attributes: [String: [String: String]] = [:]
      for (respondent, var values) in roster.attributes {
        if let mentor = values[ExportRoster.mentorAttribute] {
          values[ExportRoster.mentorAttribute] = pseudonym(mentor)
        }
        attributes[pseudonym(respondent)] = values
      }
      roster = ExportRoster(attributes)
    }

    var responses = Responses(instrument: instrument)
    responses.reserveCapacity(sessions.count)
    let hasConditions = instrument.sections.contains { section in
      section.showIf != nil || section.questions.contains { $0.showIf != nil }
    }
    for index in sessions.indices {
      // Answers to questions hidden by `show-if` are kept in the store but do not count,
      // as in scoring; leaving them out here keeps every file and the scores consistent.
      let answers = sessions[index].answers
      let visible =
        hasConditions
        ? SessionEngine(instrument: instrument, answers: answers).visibleAnswers : answers
      sessions[index].answers = visible.filter { exported.contains($0.key) }
      sessions[index].answeredAt = sessions[index].answeredAt.filter {
        sessions[index].answers[$0.key] != nil
      }
      let session = sessions[index]
      responses.appendSession(
        SessionInfo(
          respondent: session.respondent, wave: session.wave, session: session.session,
          instrumentID: session.instrumentID, version: session.version,
          startedAt: session.startedAt, completedAt: session.completedAt),
        answers: visible)
    }
    self.sessions = sessions
    self.growth = growth
    self.responses = responses
    scores =
      options.kinds.contains(.scores) || options.kinds.contains(.json)
      ? Scoring.score(responses) : []

    // Only the people in this export: the roster may hold others, who have no business
    // in this instrument's files.
    let people = sessions.map(\.respondent) + growth.map(\.respondent)
    let present = Set(people)
    self.roster = ExportRoster(roster.attributes.filter { present.contains($0.key) })
    let taken = Self.fixedColumns.union(instrument.questions.map(\.id))
    rosterColumns = self.roster.attributeNames(of: present).map { attribute in
      var column = attribute
      while taken.contains(column) { column = "roster_" + column }
      return (attribute, column)
    }
  }

  /// The text cells of `respondent`'s roster attributes, in column order.
  func rosterValues(of respondent: String) -> [String?] {
    rosterColumns.map { roster.value($0.attribute, of: respondent) }
  }

  /// The CSV writer options of the export.
  var csvOptions: CSVWriter.Options { CSVWriter.Options(byteOrderMark: options.byteOrderMark) }
}
