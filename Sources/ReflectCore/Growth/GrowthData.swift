/// ``Responses`` prepared for longitudinal analysis: the sessions that count, each
/// person's waves in order, the scores, and the reliability of every score at every wave.
///
/// Build one per data set and ask it for profiles (``profile(of:)``), a cohort
/// comparison (``compare(from:to:groups:minGroup:)``) and dyads
/// (``dyads(_:from:to:)``). The cohort's figures (scores, reliability at every wave) are
/// computed once here, not again for each profile of a whole cohort's export.
///
/// **Retakes.** Of a respondent's sessions at one wave, the newest counts: the one whose
/// time (`completedAt`, else `startedAt`) is latest when both have one, else the later in
/// `Responses`. Older sessions are left out of everything, the cohort's reliability
/// included.
///
/// **Wave order.** Wave labels (`pre`, `post`, `follow-up`, dates) carry no order, so a
/// person's waves are ordered by the times of the sessions that count when every one of
/// them has a readable ISO 8601 time (ties keep appearance order), and otherwise by the
/// first appearance of each wave among that person's sessions in `Responses`. Each person
/// has an order of their own: one who took `post` before `pre` sees them that way round.
public struct GrowthData: Sendable {
  /// One wave of one respondent: the session that counts.
  public struct WaveSession: Sendable, Hashable {
    public var wave: String
    /// The session's row in ``responses`` and ``scores``.
    public var row: Int
    public var session: String
    /// `completedAt`, else `startedAt`, as recorded (ISO 8601); `nil` when unknown.
    public var date: String?
  }

  /// The sessions that count (the newest per respondent and wave), in their original
  /// order; rows of ``scores`` refer to these.
  public let responses: Responses
  /// Every scale's and composite's scores over ``responses``, scales first.
  public let scores: [ScoreColumn]
  /// Respondents in order of first appearance.
  public let respondents: [String]
  /// The waves present, in order of first appearance.
  public let waves: [String]
  /// How many older sessions were left out because a newer one at the same wave counts.
  public let supersededSessionCount: Int

  /// Each respondent's position in ``respondents``.
  private let respondentIndex: [String: Int]
  /// The waves of each respondent of ``respondents``, in order.
  private let wavesOfRespondent: [[WaveSession]]
  private let rowsByWave: [String: [Int]]
  /// For each wave, one estimate per entry of ``scores``.
  private let estimatesByWave: [String: [ReliabilityEstimate]]

  /// Prepares `responses`: keeps the newest session per respondent and wave, orders each
  /// person's waves, scores, and estimates reliability at every wave.
  public init(_ responses: Responses) {
    let sessions = responses.sessions
    let times = sessions.map { ($0.completedAt ?? $0.startedAt).flatMap(SessionTime.seconds) }

    // Respondents and waves are interned once each, so that a session costs two hash
    // look-ups; a person's handful of waves is then searched in place.
    struct Entry {
      var wave: Int
      /// The row where this wave first appears for the person, and the row that counts.
      var first: Int
      var newest: Int
    }
    var respondentIndex: [String: Int] = [:]
    var waveIndex: [String: Int] = [:]
    var respondents: [String] = []
    var waveLabels: [String] = []
    var entries: [[Entry]] = []
    for row in sessions.indices {
      let info = sessions[row]
      let person: Int
      if let known = respondentIndex[info.respondent] {
        person = known
      } else {
        person = respondents.count
        respondentIndex[info.respondent] = person
        respondents.append(info.respondent)
        entries.append([])
      }
      let wave: Int
      if let known = waveIndex[info.wave] {
        wave = known
      } else {
        wave = waveLabels.count
        waveIndex[info.wave] = wave
        waveLabels.append(info.wave)
      }
      guard let slot = entries[person].firstIndex(where: { $0.wave == wave }) else {
        entries[person].append(Entry(wave: wave, first: row, newest: row))
        continue
      }
      // Rows come in order, so the later row wins unless both times say it is older.
      let current = entries[person][slot].newest
      if let time = times[row], let kept = times[current], time < kept { continue }
      entries[person][slot].newest = row
    }

    var counts = [Bool](repeating: false, count: sessions.count)
    for list in entries {
      for entry in list { counts[entry.newest] = true }
    }
    let keptRows = sessions.indices.filter { counts[$0] }
    supersededSessionCount = sessions.count - keptRows.count
    let counted =
      keptRows.count == sessions.count ? responses : Self.subset(responses, rows: keptRows)
    self.responses = counted
    scores = Scoring.score(counted)

    var newRow = [Int](repeating: 0, count: sessions.count)
    var rowsOfWave = [[Int]](repeating: [], count: waveLabels.count)
    for (row, original) in keptRows.enumerated() {
      newRow[original] = row
      rowsOfWave[waveIndex[sessions[original].wave] ?? 0].append(row)
    }
    self.respondents = respondents
    waves = waveLabels
    self.respondentIndex = respondentIndex
    wavesOfRespondent = entries.map { list in
      let byTime = list.allSatisfy { times[$0.newest] != nil }
      return list.sorted { a, b in
        if byTime, let ta = times[a.newest], let tb = times[b.newest], ta != tb { return ta < tb }
        return a.first < b.first
      }.map { entry in
        let info = sessions[entry.newest]
        return WaveSession(
          wave: waveLabels[entry.wave], row: newRow[entry.newest], session: info.session,
          date: info.completedAt ?? info.startedAt)
      }
    }
    var rowsByWave: [String: [Int]] = [:]
    var estimates: [String: [ReliabilityEstimate]] = [:]
    for (wave, label) in waveLabels.enumerated() {
      rowsByWave[label] = rowsOfWave[wave]
      estimates[label] = Self.estimates(
        at: label, rows: rowsOfWave[wave], responses: counted, scores: scores)
    }
    self.rowsByWave = rowsByWave
    estimatesByWave = estimates
  }

  /// The instrument's id.
  public var instrumentID: String { responses.instrument.id }

  /// The respondent's waves in order (see the type's discussion); empty for a respondent
  /// without sessions.
  public func waves(of respondent: String) -> [WaveSession] {
    respondentIndex[respondent].map { wavesOfRespondent[$0] } ?? []
  }

  /// The row of the session that counts for `respondent` at `wave`.
  public func row(of respondent: String, at wave: String) -> Int? {
    waves(of: respondent).first { $0.wave == wave }?.row
  }

  /// The rows of the sessions that count at `wave`.
  public func rows(at wave: String) -> [Int] { rowsByWave[wave] ?? [] }

  /// The reliability estimates of every entry of ``scores`` for change from `wave` on;
  /// empty for a wave with no session.
  public func reliability(at wave: String) -> [ReliabilityEstimate] {
    estimatesByWave[wave] ?? []
  }

  /// Checks that `from` and `to` are two different waves present in the data.
  func checkWaves(_ from: String, _ to: String) throws(GrowthError) {
    for wave in [from, to] where rowsByWave[wave] == nil {
      throw .unknownWave(wave, instrument: instrumentID, available: waves)
    }
    if from == to { throw .sameWave(from) }
  }

  /// A copy of `responses` holding only `rows`, in that order.
  private static func subset(_ responses: Responses, rows: [Int]) -> Responses {
    var subset = Responses(instrument: responses.instrument)
    subset.reserveCapacity(rows.count)
    for row in rows { subset.appendSession(responses.sessions[row]) }
    for column in responses.questionIDs.indices {
      let values = responses.values(column)
      for (newRow, row) in rows.enumerated() where !values[row].isNaN {
        subset.set(values[row], row: newRow, column: column)
      }
    }
    return subset
  }
}
