import ReflectCore

/// `reflect reliability` in text, JSON (`{scale, wave, n, k, alpha, reason, items:
/// [{item, item_total_r, alpha_if_deleted}]}`) and CSV (one row per item).
public enum ReliabilityReport {
  public static func json(_ results: [ScaleReliability]) -> String {
    let objects = results.map { result in
      let items = result.items.map { item in
        "{\"item\": \(JSONText.string(item.item)), \"item_total_r\": \(JSONText.number(item.itemTotalR)), \"alpha_if_deleted\": \(JSONText.number(item.alphaIfDeleted))}"
      }
      return
        "  {\"scale\": \(JSONText.string(result.scale)), \"wave\": \(JSONText.string(result.wave)), \"n\": \(result.n), \"k\": \(result.k), \"alpha\": \(JSONText.number(result.alpha)), \"reason\": \(JSONText.optionalString(result.reason)), \"items\": [\n    "
        + items.joined(separator: ",\n    ") + "\n  ]}"
    }
    return "[\n" + objects.joined(separator: ",\n") + "\n]"
  }

  /// The CSV columns: the JSON fields, with one row per item (`items` flattened).
  public static let csvFields = [
    "scale", "wave", "n", "k", "alpha", "reason", "item", "item_total_r", "alpha_if_deleted",
  ]

  public static func writeCSV(_ results: [ScaleReliability], to writer: inout CSVWriter) {
    writer.writeRow(csvFields)
    for result in results {
      for item in result.items {
        writer.write(text: result.scale)
        writer.write(text: result.wave)
        writer.write(integer: result.n)
        writer.write(integer: result.k)
        writer.write(number: result.alpha)
        writer.write(text: result.reason)
        writer.write(text: item.item)
        writer.write(number: item.itemTotalR)
        writer.write(number: item.alphaIfDeleted)
        writer.endRow()
      }
    }
  }

  public static func text(_ results: [ScaleReliability]) -> String {
    var lines: [String] = []
    for result in results {
      let alpha =
        result.alpha.map { formatFixed($0, decimals: 3) }
        ?? "not computed (\(result.reason ?? "unknown"))"
      lines.append(
        "\(result.scale), wave \(result.wave): alpha \(alpha), n \(result.n) complete cases, k \(result.k) items"
      )
      let rows = result.items.map { item in
        [
          "  \(item.item)", item.itemTotalR.map { formatFixed($0, decimals: 3) } ?? "–",
          item.alphaIfDeleted.map { formatFixed($0, decimals: 3) } ?? "–",
        ]
      }
      lines.append(
        TextTable(header: ["  item", "item-total r", "alpha if deleted"], rows: rows).rendered)
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }
}
