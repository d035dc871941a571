/// A question id as it occurs in the text of a condition.
///
/// The loader checks each reference (the question exists and comes earlier in the
/// file) and reports a problem at this position.
public struct ExpressionReference: Sendable, Hashable {
  /// The question id.
  public var id: String
  /// Where the id starts, as a 0-based offset in Unicode scalars into the condition.
  public var offset: Int

  public init(id: String, offset: Int) {
    self.id = id
    self.offset = offset
  }
}
