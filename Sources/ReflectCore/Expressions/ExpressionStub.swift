// TEMPORARY: replaced by the expression parser branch.
public struct ExpressionSyntaxError: Error, Sendable, Hashable {
  public var offset: Int
  public var message: String
}
public struct ExpressionReference: Sendable, Hashable {
  public var id: String
  public var offset: Int
}
extension Expression {
  public static func parseWithReferences(
    _ source: String
  ) throws(ExpressionSyntaxError) -> (
    Expression, [ExpressionReference]
  ) {
    let id = String(source.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    return (.present(id), [ExpressionReference(id: id, offset: 0)])
  }
}
