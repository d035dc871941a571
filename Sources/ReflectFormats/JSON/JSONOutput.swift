import Foundation

/// JSON as every command prints it: one document, `snake_case` keys (from the
/// `CodingKeys` of each shape), sorted keys so that output is stable, missing as `null`.
public enum JSONOutput {
  public static func render<Value: Encodable>(_ value: Value) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .throw
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
      // Shapes hold no NaN or infinity (those are nil); reaching this is a bug.
      return "null"
    }
  }
}

/// Encodes `nil` as an explicit `null` rather than leaving the key out, so every
/// object of a shape has the same keys.
extension KeyedEncodingContainer {
  mutating func encodeNullable<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }
}
