import ReflectCore

/// `reflect compare --format csv`: one row per group and scale, the JSON fields in order.
public enum GrowthCSV {
  public static let fields = [
    "group", "n_group", "excluded", "scale", "n", "mean_from", "sd_from", "mean_to", "sd_to",
    "mean_change", "sd_change", "ci_low", "ci_high", "t", "df", "p", "d_z", "d_av", "g_av",
    "wilcoxon_w", "wilcoxon_p", "reliability", "reliability_source", "sem", "improved",
    "unchanged", "declined",
  ]

  public static func write(_ comparison: CohortComparison, to writer: inout CSVWriter) {
    writer.writeRow(fields)
    for group in comparison.groups {
      for scale in group.scales {
        writer.write(text: group.group)
        writer.write(integer: group.n)
        writer.write(integer: group.excluded)
        writer.write(text: scale.scale)
        writer.write(integer: scale.n)
        for value in [
          scale.meanFrom, scale.sdFrom, scale.meanTo, scale.sdTo, scale.meanChange, scale.sdChange,
          scale.ciLow, scale.ciHigh, scale.t,
        ] {
          writer.write(number: value)
        }
        writer.write(integer: scale.df)
        for value in [
          scale.p, scale.dZ, scale.dAv, scale.gAv, scale.wilcoxonW, scale.wilcoxonP,
          scale.reliability,
        ] {
          writer.write(number: value)
        }
        writer.write(text: "\(scale.reliabilitySource)")
        writer.write(number: scale.sem)
        writer.write(integer: scale.improved)
        writer.write(integer: scale.unchanged)
        writer.write(integer: scale.declined)
        writer.endRow()
      }
    }
  }
}
