/// What a `number` question accepts: its bounds and whether it wants a whole number.
struct NumberBounds: Equatable {
  var min: Double?
  var max: Double?
  var integer: Bool

  /// `a whole number from 0 to 50`, `a number of at least 0`, `a number`.
  var description: String {
    let kind = integer ? "a whole number" : "a number"
    switch (min, max) {
    case (let low?, let high?):
      return "\(kind) from \(NumberAnswer.format(low)) to \(NumberAnswer.format(high))"
    case (let low?, nil): return "\(kind) of at least \(NumberAnswer.format(low))"
    case (nil, let high?): return "\(kind) of at most \(NumberAnswer.format(high))"
    case (nil, nil): return kind
    }
  }

  /// The sentence that ends every message about a number answer.
  var accepted: String { "Answer with \(description)." }
}
