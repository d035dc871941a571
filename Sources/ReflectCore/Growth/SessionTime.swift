/// Reads the ISO 8601 timestamps of ``SessionInfo`` (`startedAt`, `completedAt`) as a
/// number that orders them, without Foundation.
///
/// Accepts a calendar date `YYYY-MM-DD`, optionally followed by `T` (or a space) and
/// `HH:MM`, optional `:SS`, an optional fraction (`.sss` or `,sss`) and an optional zone
/// (`Z`, `±HH`, `±HHMM`, `±HH:MM`). The store writes `2025-01-06T09:00:00.000Z`, the long
/// CSV `2025-01-06T09:00:00Z`; a bare date counts as its midnight. A time without a zone
/// is read as UTC: timestamps of one data set are assumed to share their zone.
package enum SessionTime {
  /// Seconds since 1970-01-01T00:00:00Z, or `nil` when `text` is not such a timestamp.
  package static func seconds(_ text: String) -> Double? {
    var reader = Reader(bytes: Array(text.utf8))
    guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2),
      reader.skip("-"), let day = reader.digits(2), (1...12).contains(month),
      (1...daysInMonth(month, year: year)).contains(day)
    else { return nil }
    var seconds = Double(daysSince1970(year: year, month: month, day: day)) * 86_400
    if reader.isAtEnd { return seconds }

    guard reader.skip("T") || reader.skip("t") || reader.skip(" "), let hour = reader.digits(2),
      reader.skip(":"), let minute = reader.digits(2), hour <= 23, minute <= 59
    else { return nil }
    seconds += Double(hour * 3_600 + minute * 60)
    if reader.skip(":") {
      guard let second = reader.digits(2), second <= 60 else { return nil }
      seconds += Double(second)
      if reader.skip(".") || reader.skip(",") {
        guard let fraction = reader.fraction() else { return nil }
        seconds += fraction
      }
    }
    if reader.isAtEnd || reader.skip("Z") || reader.skip("z") {
      return reader.isAtEnd ? seconds : nil
    }
    let sign: Double
    if reader.skip("+") {
      sign = 1
    } else if reader.skip("-") {
      sign = -1
    } else {
      return nil
    }
    guard let offsetHours = reader.digits(2), offsetHours <= 23 else { return nil }
    var offsetMinutes = 0
    if !reader.isAtEnd {
      _ = reader.skip(":")
      guard let minutes = reader.digits(2), minutes <= 59 else { return nil }
      offsetMinutes = minutes
    }
    guard reader.isAtEnd else { return nil }
    // Local time = UTC + offset, so UTC = local − offset.
    return seconds - sign * Double(offsetHours * 3_600 + offsetMinutes * 60)
  }

  private struct Reader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
      guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
      position += 1
      return true
    }

    mutating func digits(_ count: Int) -> Int? {
      guard position + count <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[position..<position + count] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      position += count
      return value
    }

    /// One or more digits after the decimal mark, as a fraction of a second.
    mutating func fraction() -> Double? {
      var value = 0.0
      var scale = 1.0
      let start = position
      while position < bytes.count,
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
      {
        scale /= 10
        value += Double(bytes[position] - UInt8(ascii: "0")) * scale
        position += 1
      }
      return position > start ? value : nil
    }
  }

  private static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  private static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
  /// `days_from_civil`).
  private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
