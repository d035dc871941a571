import Testing

@testable import ReflectFormats

/// The fast paths of `CSVNumberFormat` agree with `printf("%.6f")`, trimmed, which
/// `slowText(_:)` is: for edge cases and for many values of the kinds scores take.
@Suite struct CSVNumberFormatTests {
  /// The fast text of `value`, or `nil` when the fast path leaves it to `printf`.
  static func fastText(_ value: Double) -> String? {
    var bytes = [UInt8](repeating: 0, count: CSVNumberFormat.maximumFastLength)
    let length = bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { CSVNumberFormat.write(value, to: $0) }
    }
    return length.map { String(decoding: bytes[..<$0], as: UTF8.self) }
  }

  static let edgeCases: [Double] = [
    0, -0.0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, 0.5, -0.5, 2.666_666_5, 2.666_666_6,
    0.000_000_5, 0.000_000_499_999, 0.000_001_5, 0.000_000_1, -0.000_000_1, 1e-300,
    5e-324, 1e15, -1e15, 1e15 + 0.5, 4_503_599_627.370_4, 4_503_599_627.370_5,
    9_007_199_254_740_993, 1e18, 9.223_372_036_854_775e18, 1.8e19, 1e20, 1e300,
    Double.greatestFiniteMagnitude, 3.166_666_666_666_666_5, 54.166_666_666_666_664,
    0.100_000_5, 0.999_999_5, 0.999_999_4, 9.999_999_5, 99.999_999_9, 123_456.000_001,
    0.010_000_0, 0.000_010, 12_345_678_901.5, -999_999.999_999_6,
  ]

  @Test("writes edge cases as printf does")
  func edgeCases() {
    for value in Self.edgeCases {
      for signed in [value, -value] {
        if let fast = Self.fastText(signed) {
          #expect(fast == CSVNumberFormat.slowText(signed), "\(signed)")
        }
      }
    }
  }

  @Test("writes the values scores take as printf does")
  func scoreLikeValues() {
    var values: [Double] = []
    // Means and POMPs of a few items on 1…7 scales, with weights.
    for numerator in -700...700 {
      for denominator in [1.0, 2, 3, 4, 6, 7, 9, 12, 24] {
        let mean = Double(numerator) / denominator
        values.append(mean)
        values.append(100 * (mean - 1) / 4)
      }
    }
    // Millionths and values a hair around half of one, where rounding decides.
    for micros in stride(from: 0, to: 3_000_000, by: 997) {
      let value = Double(micros) / 1e6
      values += [value, value + 5e-7, value - 5e-7, value + 4.999e-7, value + 5.001e-7]
    }
    var random = SeededGenerator(seed: 7)
    for _ in 0..<100_000 {
      let scales: [Double] = [1e-7, 1e-3, 1, 100, 1e6, 1e9, 1e12, 1e16]
      let scale = scales[Int(random.next() % UInt64(scales.count))]
      values.append(Double.random(in: -1...1, using: &random) * scale)
    }
    var fast = 0
    for value in values {
      guard let text = Self.fastText(value) else { continue }
      fast += 1
      #expect(text == CSVNumberFormat.slowText(value), "\(value)")
    }
    // All but the huge (a quarter of the random values) take the fast path.
    #expect(fast > values.count * 3 / 4)
  }

  @Test(
    "writes integers of every length",
    arguments: [
      0, 1, 9, 10, 99, 100, 12_345, 99_999_999, 100_000_000, 1_234_567_890_123_456_789,
      9_999_999_999_999_999_999, UInt64.max,
    ] as [UInt64])
  func integers(value: UInt64) {
    for negative in [false, true] {
      var bytes = [UInt8](repeating: 0, count: CSVNumberFormat.maximumFastLength)
      let length = bytes.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.map {
          CSVNumberFormat.write(magnitude: value, negative: negative, to: $0)
        } ?? 0
      }
      let expected = (negative && value != 0 ? "-" : "") + String(value)
      #expect(String(decoding: bytes[..<length], as: UTF8.self) == expected)
    }
  }
}
