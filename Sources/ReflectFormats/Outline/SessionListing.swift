/// `reflect sessions` as a table or JSON.
public enum SessionListing {
  public struct Row: Sendable, Hashable, Encodable {
    public var session: String
    public var respondent: String
    public var instrument: String
    public var version: String
    public var wave: String
    public var status: String
    public var answers: Int
    public var startedAt: String
    public var completedAt: String?
    public var source: String

    public init(
      session: String, respondent: String, instrument: String, version: String, wave: String,
      status: String, answers: Int, startedAt: String, completedAt: String?, source: String
    ) {
      self.session = session
      self.respondent = respondent
      self.instrument = instrument
      self.version = version
      self.wave = wave
      self.status = status
      self.answers = answers
      self.startedAt = startedAt
      self.completedAt = completedAt
      self.source = source
    }

    enum CodingKeys: String, CodingKey {
      case session, respondent, instrument, version, wave, status, answers, source
      case startedAt = "started_at"
      case completedAt = "completed_at"
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(session, forKey: .session)
      try container.encode(respondent, forKey: .respondent)
      try container.encode(instrument, forKey: .instrument)
      try container.encode(version, forKey: .version)
      try container.encode(wave, forKey: .wave)
      try container.encode(status, forKey: .status)
      try container.encode(answers, forKey: .answers)
      try container.encode(startedAt, forKey: .startedAt)
      try container.encodeNullable(completedAt, forKey: .completedAt)
      try container.encode(source, forKey: .source)
    }
  }

  public static func json(_ rows: [Row]) -> String { JSONOutput.render(rows) }

  public static func text(_ rows: [Row]) -> String {
    guard !rows.isEmpty else { return "no sessions" }
    return TextTable(
      header: [
        "session", "respondent", "instrument", "wave", "status", "answers", "started", "source",
      ],
      rows: rows.map {
        [
          $0.session, $0.respondent, "\($0.instrument) \($0.version)", $0.wave, $0.status,
          "\($0.answers)", $0.startedAt, sourceText($0.source),
        ]
      }
    ).rendered
  }

  /// `taken`, `imported from FILE` or `simulated`: the stored source (`imported:FILE@TIME`,
  /// `simulated:seed=S`) without the details JSON gives.
  static func sourceText(_ source: String) -> String {
    guard let colon = source.firstIndex(of: ":") else { return source }
    let kind = source[..<colon]
    guard kind == "imported" else { return String(kind) }
    let rest = source[source.index(after: colon)...]
    let file = rest.lastIndex(of: "@").map { rest[..<$0] } ?? rest
    return "imported from \(file)"
  }
}
