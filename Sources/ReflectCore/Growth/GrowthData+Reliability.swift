extension GrowthData {
  /// One estimate per score column for change from `wave` on (see ``ReliabilityEstimate``):
  /// scales first, from their reference or the cohort's alpha at the wave, then composites,
  /// from their reference or stratified alpha over their scales.
  static func estimates(
    at wave: String, rows: [Int], responses: Responses, scores: [ScoreColumn]
  ) -> [ReliabilityEstimate] {
    let alphas = Scoring.reliability(responses, wave: wave)
    var byScale: [String: ReliabilityEstimate] = [:]
    var estimates: [ReliabilityEstimate] = []
    estimates.reserveCapacity(scores.count)
    for column in scores {
      let estimate: ReliabilityEstimate
      if let fromReference = ReliabilityEstimate.fromReference(
        column.reference, scale: column.id, wave: wave)
      {
        estimate = fromReference
      } else if column.kind == .scale {
        estimate = scaleEstimate(
          column, alpha: alphas.first { $0.scale == column.id }, wave: wave, rows: rows)
      } else {
        let parts = responses.instrument.composites.first { $0.id == column.id }?.scaleIDs ?? []
        estimate = compositeEstimate(
          column, parts: parts, scores: scores, byScale: byScale, wave: wave, rows: rows)
      }
      if column.kind == .scale { byScale[column.id] = estimate }
      estimates.append(estimate)
    }
    return estimates
  }

  /// Cronbach's alpha at the wave (on complete cases) and the SD of every score there.
  private static func scaleEstimate(
    _ column: ScoreColumn, alpha: ScaleReliability?, wave: String, rows: [Int]
  ) -> ReliabilityEstimate {
    guard let alpha else {
      return ReliabilityEstimate(
        scale: column.id, wave: wave, unknownBecause: "no alpha at \(wave)")
    }
    guard alpha.n >= ReliabilityEstimate.minimumCompleteCases else {
      return .tooFewCases(alpha.n, "complete cases", scale: column.id, wave: wave)
    }
    guard let r = alpha.alpha else {
      return ReliabilityEstimate(
        scale: column.id, wave: wave,
        unknownBecause: "no alpha at \(wave): \(alpha.reason ?? "it cannot be computed")",
        n: alpha.n)
    }
    let present = rows.map { column.scores[$0] }.filter { !$0.isNaN }
    return .fromCohort(
      reliability: r, sd: Descriptives.standardDeviation(present), n: alpha.n,
      scale: column.id, wave: wave, what: "alpha")
  }

  /// Stratified alpha over the composite's scales, over the people with a composite score.
  private static func compositeEstimate(
    _ column: ScoreColumn, parts: [String], scores: [ScoreColumn],
    byScale: [String: ReliabilityEstimate], wave: String, rows: [Int]
  ) -> ReliabilityEstimate {
    var partColumns: [ScoreColumn] = []
    var partReliabilities: [Double] = []
    for part in parts {
      guard let estimate = byScale[part], let partColumn = scores.first(where: { $0.id == part })
      else {
        return ReliabilityEstimate(
          scale: column.id, wave: wave, unknownBecause: "its scale \(part) has no scores")
      }
      guard let r = estimate.reliability else {
        return ReliabilityEstimate(
          scale: column.id, wave: wave,
          unknownBecause:
            "no reference, and its scale \(part) has no reliability "
            + "(\(estimate.reason ?? "unknown"))")
      }
      partColumns.append(partColumn)
      partReliabilities.append(r)
    }
    guard !partColumns.isEmpty else {
      return ReliabilityEstimate(
        scale: column.id, wave: wave, unknownBecause: "it combines no scales")
    }
    let people = rows.filter { !column.scores[$0].isNaN }
    guard people.count >= ReliabilityEstimate.minimumCompleteCases else {
      return .tooFewCases(people.count, "people with a score", scale: column.id, wave: wave)
    }
    var errorVariance = 0.0
    var total = [Double](repeating: 0, count: people.count)
    for (part, r) in zip(partColumns, partReliabilities) {
      let values = people.map { part.scores[$0] }
      guard let variance = Descriptives.variance(values) else {
        return ReliabilityEstimate(
          scale: column.id, wave: wave, unknownBecause: "the scores are too large to compute with")
      }
      errorVariance += variance * (1 - r)
      for index in values.indices { total[index] += values[index] }
    }
    guard let totalVariance = Descriptives.variance(total), totalVariance > 0 else {
      return ReliabilityEstimate(
        scale: column.id, wave: wave, unknownBecause: "the scores at \(wave) do not vary",
        n: people.count)
    }
    return .fromCohort(
      reliability: 1 - errorVariance / totalVariance,
      sd: Descriptives.standardDeviation(people.map { column.scores[$0] }), n: people.count,
      scale: column.id, wave: wave, what: "stratified alpha")
  }
}
