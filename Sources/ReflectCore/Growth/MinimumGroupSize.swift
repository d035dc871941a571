/// The smallest group a group report may show (`--min-group`): 5 by default, never below
/// 3 (statistics.md, "Confidentiality of group figures").
public struct MinimumGroupSize: Sendable, Hashable {
  /// The size used when none is asked for.
  public static let defaultValue = 5
  /// The smallest size allowed; a smaller request is raised to it.
  public static let floor = 3

  /// The size asked for.
  public let requested: Int
  /// The size in force: `requested`, raised to ``floor`` if it was below.
  public let value: Int

  public init(_ requested: Int = MinimumGroupSize.defaultValue) {
    self.requested = requested
    value = max(requested, Self.floor)
  }

  /// Whether the request was raised to ``floor``.
  public var wasRaised: Bool { value != requested }

  /// A line for the user when the request was raised; `nil` otherwise.
  public var notice: String? {
    guard wasRaised else { return nil }
    return
      "a minimum group size of \(requested) is below \(Self.floor), the smallest that keeps "
      + "individuals out of group figures; using \(Self.floor)"
  }

  /// The groups a report must not show, given each group's size: those under ``value``
  /// and, when exactly one is, the next smallest too (the smallest name first among equal
  /// sizes), so that no suppressed group's figures follow from the total less the others.
  public func suppressedGroups(sizes: [String: Int]) -> Set<String> {
    var suppressed = Set(sizes.filter { $0.value < value }.keys)
    if suppressed.count == 1 {
      let nextSmallest = sizes.filter { !suppressed.contains($0.key) }
        .min { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }
      if let nextSmallest { suppressed.insert(nextSmallest.key) }
    }
    return suppressed
  }
}
