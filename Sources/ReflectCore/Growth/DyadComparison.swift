/// Each mentor–mentee pair with both people's change from one wave to another, side by
/// side, and how many pairs grew together (`reflect dyads`).
///
/// Each person's change on each scale and composite is judged by RCI exactly as in a
/// profile, with the whole cohort's reliability at the earlier wave. The summary counts,
/// per scale and composite, the pairs in which both people improved, only the mentee,
/// only the mentor, or neither (a decline or no reliable change); a pair in which either
/// change is `unknown` is counted as `unknown` instead. A mentor with several mentees is
/// in several pairs, and counted in each.
///
/// Made by ``GrowthData/dyads(_:from:to:)``.
public struct DyadComparison: Sendable, Hashable {
  /// A mentor and a mentee, as the roster pairs them.
  public struct Pair: Sendable, Hashable {
    public var mentor: String
    public var mentee: String

    public init(mentor: String, mentee: String) {
      self.mentor = mentor
      self.mentee = mentee
    }
  }

  /// One person's change on one score.
  public struct PersonChange: Sendable, Hashable {
    public var scoreFrom: Double?
    public var scoreTo: Double?
    /// The later score less the earlier; `nil` when either is missing.
    public var change: Double?
    public var rci: Double?
    public var classification: ChangeClassification
    /// Why the classification is `unknown`; `nil` otherwise.
    public var reason: String?
  }

  /// Both people's change on one score.
  public struct ScaleChange: Sendable, Hashable {
    public var scale: String
    public var mentor: PersonChange
    public var mentee: PersonChange
  }

  /// One pair, with a change per scale, then per composite, in the instrument's order.
  public struct Dyad: Sendable, Hashable {
    public var mentor: String
    public var mentee: String
    public var scales: [ScaleChange]
  }

  /// How the pairs fared on one score.
  public struct Summary: Sendable, Hashable {
    public var scale: String
    /// Pairs in which both changes could be judged.
    public var pairs: Int
    public var bothImproved: Int
    public var onlyMentee: Int
    public var onlyMentor: Int
    /// Neither person improved reliably.
    public var neither: Int
    /// Pairs in which either change is `unknown`.
    public var unknown: Int
  }

  /// The instrument's id.
  public var instrument: String
  public var from: String
  public var to: String
  /// In the order given.
  public var dyads: [Dyad]
  /// One per scale, then per composite.
  public var summary: [Summary]
  /// The reliability that judged each score's change, from the earlier wave.
  public var reliability: [ReliabilityEstimate]
}

extension DyadComparison.Pair {
  /// Pairs from `(mentor, mentee)` tuples.
  public static func pairs(_ tuples: [(mentor: String, mentee: String)]) -> [Self] {
    tuples.map { Self(mentor: $0.mentor, mentee: $0.mentee) }
  }
}

extension GrowthData {
  /// Each of `pairs` with both people's change from wave `from` to wave `to`.
  ///
  /// A person without a score at a wave gets `unknown` with the reason; they need not be
  /// in the data at all.
  ///
  /// - Throws: ``GrowthError`` when a wave has no session, or both are the same.
  public func dyads(
    _ pairs: [DyadComparison.Pair], from: String, to: String
  ) throws(GrowthError) -> DyadComparison {
    try checkWaves(from, to)
    let estimates = reliability(at: from)

    func change(of respondent: String, on index: Int) -> DyadComparison.PersonChange {
      let column = scores[index]
      let judged = JudgedChange(
        from: row(of: respondent, at: from).flatMap(column.score),
        to: row(of: respondent, at: to).flatMap(column.score), fromWave: from, toWave: to,
        direction: column.direction, estimate: estimates[index])
      return DyadComparison.PersonChange(
        scoreFrom: judged.scoreFrom, scoreTo: judged.scoreTo, change: judged.change,
        rci: judged.rci, classification: judged.classification, reason: judged.reason)
    }

    let dyads = pairs.map { pair in
      DyadComparison.Dyad(
        mentor: pair.mentor, mentee: pair.mentee,
        scales: scores.indices.map { index in
          DyadComparison.ScaleChange(
            scale: scores[index].id, mentor: change(of: pair.mentor, on: index),
            mentee: change(of: pair.mentee, on: index))
        })
    }
    let summary = scores.indices.map { index in
      var tally = DyadComparison.Summary(
        scale: scores[index].id, pairs: 0, bothImproved: 0, onlyMentee: 0, onlyMentor: 0,
        neither: 0, unknown: 0)
      for dyad in dyads {
        let mentor = dyad.scales[index].mentor.classification
        let mentee = dyad.scales[index].mentee.classification
        if mentor == .unknown || mentee == .unknown {
          tally.unknown += 1
          continue
        }
        tally.pairs += 1
        switch (mentor == .improved, mentee == .improved) {
        case (true, true): tally.bothImproved += 1
        case (false, true): tally.onlyMentee += 1
        case (true, false): tally.onlyMentor += 1
        case (false, false): tally.neither += 1
        }
      }
      return tally
    }
    return DyadComparison(
      instrument: instrumentID, from: from, to: to, dyads: dyads, summary: summary,
      reliability: estimates)
  }
}
