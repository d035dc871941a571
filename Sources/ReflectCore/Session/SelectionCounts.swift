/// How many options a `select multiple` answer may have: the question's `min` and
/// `max`, with the defaults filled in.
package struct SelectionCounts: Equatable {
  /// At least one: an answer with nothing chosen is an empty line, which skips.
  package var minimum: Int
  /// At most every option.
  package var maximum: Int
  /// How many options the list has.
  package var options: Int

  package init(minCount: Int?, maxCount: Int?, options: Int) {
    minimum = Swift.max(minCount ?? 1, 1)
    maximum = maxCount ?? options
    self.options = options
  }

  /// Whether the question limits the count beyond "one or more": worth saying up front.
  var isLimited: Bool { minimum > 1 || maximum < options }

  /// The message for `count` chosen options, or `nil` when the count is allowed.
  func violation(_ count: Int) -> String? {
    guard count < minimum || count > maximum else { return nil }
    return "Choose \(rule); you chose \(count)."
  }

  /// `at least 2 options`, `at most 3 options`, `exactly 2 options`,
  /// `from 2 to 4 options`, or `1 or more options` when nothing limits it.
  package var rule: String {
    if minimum == maximum { return "exactly \(Self.options(minimum))" }
    let hasMaximum = maximum < options
    switch (minimum > 1, hasMaximum) {
    case (true, true): return "from \(minimum) to \(Self.options(maximum))"
    case (true, false): return "at least \(Self.options(minimum))"
    case (false, true): return "at most \(Self.options(maximum))"
    case (false, false): return "1 or more options"
    }
  }

  package static func options(_ count: Int) -> String {
    count == 1 ? "1 option" : "\(count) options"
  }
}
