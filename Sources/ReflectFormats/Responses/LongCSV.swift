/// The columns of the `long` file (`exports.md`): one row per answer. It is also what
/// `--responses FILE.csv` and `reflect import` read.
public enum LongCSV {
  public static let columns = [
    "respondent", "wave", "session", "instrument", "version", "item", "value", "label",
    "answered_at",
  ]
}
