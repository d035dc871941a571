import Foundation
import Testing

/// The reference values in `Fixtures/statistics/reference.json`, computed by scipy, pingouin
/// and numpy with `Fixtures/statistics/make_reference.py` (run it again to regenerate).
struct ReferenceData: Decodable, Sendable {
  struct NormalCDF: Decodable, Sendable, CustomTestStringConvertible {
    var x: Double
    var p: Double
    var testDescription: String { "Φ(\(x))" }
  }

  struct NormalQuantile: Decodable, Sendable, CustomTestStringConvertible {
    var p: Double
    var x: Double
    var testDescription: String { "Φ⁻¹(\(p))" }
  }

  struct IncompleteBetaCase: Decodable, Sendable, CustomTestStringConvertible {
    var x: Double
    var a: Double
    var b: Double
    /// 0 stands for any value below 1e-300.
    var value: Double
    /// mpmath's value at 50 digits, rounded to a double.
    var exact: Double
    var testDescription: String { "I_\(x)(\(a), \(b))" }
  }

  struct TCDF: Decodable, Sendable, CustomTestStringConvertible {
    var t: Double
    var df: Double
    var cdf: Double
    var twoSidedP: Double
    /// mpmath's value at 50 digits, rounded to a double; 0 for any value below 1e-300.
    var exactTwoSidedP: Double
    var testDescription: String { "t = \(t), df = \(df)" }
  }

  struct TQuantile: Decodable, Sendable, CustomTestStringConvertible {
    var p: Double
    var df: Double
    var t: Double
    /// The root found by mpmath at 50 digits, rounded to a double.
    var exact: Double
    var testDescription: String { "p = \(p), df = \(df)" }
  }

  struct Ranks: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var values: [Double]
    var ranks: [Double]
    var tieSizes: [Int]
    var testDescription: String { name }
  }

  struct Describe: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var values: [Double]
    var mean: Double?
    var variance: Double?
    var sd: Double?
    var testDescription: String { name }
  }

  struct Pearson: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x: [Double]
    var y: [Double]
    var r: Double?
    var testDescription: String { name }
  }

  struct Slope: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var x: [Double]
    var y: [Double]
    var slope: Double?
    var testDescription: String { name }
  }

  struct Alpha: Decodable, Sendable, CustomTestStringConvertible {
    struct ItemFigures: Decodable, Sendable {
      var itemTotal: Double?
      var itemTotalReason: String?
      var alphaIfDeleted: Double?
      var alphaIfDeletedReason: String?
    }
    var name: String
    var low: Double
    var high: Double
    /// 0-based indices of the reverse-keyed items.
    var reversed: [Int]
    /// Raw answers, one array per item; `nil` is a missing answer.
    var items: [[Double?]]
    var completeCases: Int
    var alpha: Double?
    var reason: String?
    var itemFigures: [ItemFigures]
    var testDescription: String { name }

    /// The item columns recoded as the spec says, x' = (min + max) − x, missing as `NaN`.
    var recodedItems: [[Double]] {
      items.enumerated().map { index, column in
        column.map { value in
          guard let value else { return .nan }
          return reversed.contains(index) ? low + high - value : value
        }
      }
    }
  }

  struct Paired: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var from: [Double]
    var to: [Double]
    var n: Int
    var meanFrom: Double?
    var sdFrom: Double?
    var meanTo: Double?
    var sdTo: Double?
    var meanChange: Double?
    var sdChange: Double?
    var ciLow: Double?
    var ciHigh: Double?
    var t: Double?
    var df: Int?
    var p: Double?
    var dZ: Double?
    var dAv: Double?
    var gAv: Double?
    var testDescription: String { name }
  }

  struct Wilcoxon: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var differences: [Double]
    var n: Int
    var zeros: Int
    var w: Double?
    var z: Double?
    var p: Double?
    var positiveRankSum: Double?
    var testDescription: String { name }
  }

  struct ReliableChangeCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Person: Decodable, Sendable {
      var from: Double
      var to: Double
      var rci: Double
      var classification: String
    }
    var name: String
    var sd: Double
    var reliability: Double
    var direction: String
    var sem: Double
    var sDiff: Double
    var people: [Person]
    var testDescription: String { name }
  }

  struct BFI: Decodable, Sendable {
    struct Scale: Decodable, Sendable, CustomTestStringConvertible {
      var scale: String
      var items: [String]
      var reversed: [Int]
      var completeCases: Int
      var alpha: Double
      var publishedAlpha: Double
      var testDescription: String { scale }
    }
    var scales: [Scale]
    var opennessWithoutKeys: Double
  }

  var normalCdf: [NormalCDF]
  var normalQuantile: [NormalQuantile]
  var incompleteBeta: [IncompleteBetaCase]
  var tCdf: [TCDF]
  var tQuantile: [TQuantile]
  var ranks: [Ranks]
  var descriptives: [Describe]
  var pearson: [Pearson]
  var leastSquares: [Slope]
  var alpha: [Alpha]
  var paired: [Paired]
  var wilcoxon: [Wilcoxon]
  var reliableChange: [ReliableChangeCase]
  var bfi: BFI

  /// The decoded fixture, read once.
  static func load() throws -> ReferenceData { try loaded.get() }

  private static let loaded = Result { () throws -> ReferenceData in
    guard
      let url = Bundle.module.url(
        forResource: "reference", withExtension: "json", subdirectory: "Fixtures/statistics")
    else { throw FixtureMissing() }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(ReferenceData.self, from: Data(contentsOf: url))
  }

  struct FixtureMissing: Error, CustomStringConvertible {
    var description: String { "Fixtures/statistics/reference.json is not in the test bundle" }
  }
}

/// Whether `actual` is within `relative` error of `expected`, or within `absolute` of it
/// (for expected values at or near 0); two `nil`s agree, a `nil` and a number do not.
func isClose(
  _ actual: Double?, _ expected: Double?, relative: Double = 1e-9, absolute: Double = 0
) -> Bool {
  switch (actual, expected) {
  case (nil, nil): return true
  case (let actual?, let expected?):
    if actual == expected { return true }
    return abs(actual - expected) <= max(relative * abs(expected), absolute)
  default: return false
  }
}

/// `value` rounded to `places` decimals, to compare with a figure as it was published.
func rounded(_ value: Double?, places: Int) -> Double? {
  guard let value else { return nil }
  let scale = pow(10, Double(places))
  return (value * scale).rounded() / scale
}
