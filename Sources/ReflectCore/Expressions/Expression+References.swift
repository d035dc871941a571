extension Expression {
  /// The question ids the condition mentions, each once, in order of first appearance.
  ///
  /// A question shown under this condition depends on these questions. For every
  /// occurrence with its position in the source, use ``parseWithReferences(_:)``.
  public var referencedIDs: [String] {
    var ids: [String] = []
    var seen: Set<String> = []
    func visit(_ id: String) {
      if seen.insert(id).inserted { ids.append(id) }
    }
    func visit(_ operand: Operand) {
      if case .question(let id) = operand { visit(id) }
    }
    func visit(_ expression: Expression) {
      switch expression {
      case .or(let operands), .and(let operands):
        for operand in operands { visit(operand) }
      case .not(let operand):
        visit(operand)
      case .compare(let left, _, let right):
        visit(left)
        visit(right)
      case .answered(let id), .present(let id):
        visit(id)
      }
    }
    visit(self)
    return ids
  }
}
