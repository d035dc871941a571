/// How a scale or composite combines its parts.
public enum ScoringMethod: String, Sendable, Hashable, CaseIterable {
  /// The weighted mean of the answered items.
  case mean
  /// The prorated sum: the mean times the total weight of all items.
  case sum
}

/// Which end of a scale is desirable; it mirrors the reliable-change classification.
public enum ScoreDirection: String, Sendable, Hashable, CaseIterable {
  case higherIsBetter = "higher-is-better"
  case lowerIsBetter = "lower-is-better"
}

/// How many items must be answered for a scale score to exist.
public enum MinAnswered: Sendable, Hashable {
  /// Every item (the default).
  case all
  /// A whole number of items, between 1 and the number of items.
  case count(Int)
  /// A proportion of the items in (0, 1], rounded up.
  case proportion(Double)

  /// The number of answered items required out of `itemCount`.
  public func required(outOf itemCount: Int) -> Int {
    switch self {
    case .all: itemCount
    case .count(let count): count
    case .proportion(let share): Int((share * Double(itemCount) - 1e-9).rounded(.up))
    }
  }
}

/// One item of a scale (`<item ref reverse weight>`).
public struct ScaleItem: Sendable, Hashable {
  /// The id of a `rating` question.
  public var questionID: String
  public var isReversed: Bool
  public var weight: Double

  public init(questionID: String, isReversed: Bool = false, weight: Double = 1) {
    self.questionID = questionID
    self.isReversed = isReversed
    self.weight = weight
  }
}

/// An interpretation range of a score, with feedback for the person.
public struct Band: Sendable, Hashable {
  /// The exclusive upper bound; `nil` for the final, open band.
  public var below: Double?
  public var label: String
  public var feedback: LocalizedText?

  public init(below: Double?, label: String, feedback: LocalizedText? = nil) {
    self.below = below
    self.label = label
    self.feedback = feedback
  }
}

/// Published or pilot figures for a score: norms and the reliable change index use them.
public struct Reference: Sendable, Hashable {
  public var mean: Double?
  public var sd: Double?
  public var reliability: Double?
  public var n: Int?
  public var source: String?

  public init(
    mean: Double? = nil, sd: Double? = nil, reliability: Double? = nil, n: Int? = nil,
    source: String? = nil
  ) {
    self.mean = mean
    self.sd = sd
    self.reliability = reliability
    self.n = n
    self.source = source
  }
}

/// A score built from rating items (`<scale>`).
public struct Scale: Sendable, Hashable, Identifiable {
  public var id: String
  public var title: LocalizedText
  public var method: ScoringMethod
  public var minAnswered: MinAnswered
  public var direction: ScoreDirection
  public var items: [ScaleItem]
  public var bands: [Band]
  public var reference: Reference?

  public init(
    id: String, title: LocalizedText, method: ScoringMethod = .mean,
    minAnswered: MinAnswered = .all, direction: ScoreDirection = .higherIsBetter,
    items: [ScaleItem], bands: [Band] = [], reference: Reference? = nil
  ) {
    self.id = id
    self.title = title
    self.method = method
    self.minAnswered = minAnswered
    self.direction = direction
    self.items = items
    self.bands = bands
    self.reference = reference
  }
}

/// A score built from other scales (`<composite>`).
public struct Composite: Sendable, Hashable, Identifiable {
  public var id: String
  public var title: LocalizedText
  public var method: ScoringMethod
  public var direction: ScoreDirection
  /// The ids of the scales it combines, in order.
  public var scaleIDs: [String]
  public var bands: [Band]
  public var reference: Reference?

  public init(
    id: String, title: LocalizedText, method: ScoringMethod = .mean,
    direction: ScoreDirection = .higherIsBetter, scaleIDs: [String],
    bands: [Band] = [], reference: Reference? = nil
  ) {
    self.id = id
    self.title = title
    self.method = method
    self.direction = direction
    self.scaleIDs = scaleIDs
    self.bands = bands
    self.reference = reference
  }
}
