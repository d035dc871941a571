/// A moment in UTC, to the second, as simulated answers carry it.
///
/// A whole number of seconds rather than a Foundation `Date`: ReflectCore stays free
/// of Foundation, the arithmetic is exact, and writing one as text
/// (`YYYY-MM-DDTHH:MM:SSZ`, the form the `long` export uses) needs no formatter and,
/// through ``appendISO8601(to:)``, no allocation.
public struct SimulatedTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z, ignoring leap seconds (as Unix time does).
  public var secondsSince1970: Int64

  public init(secondsSince1970: Int64) {
    self.secondsSince1970 = secondsSince1970
  }

  /// The moment given by a calendar date and time of day in UTC; `nil` unless it is
  /// a real date of the years 1 to 9999 and a time from 00:00:00 to 23:59:59.
  public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysInMonth(month, year: year)).contains(day), (0...23).contains(hour),
      (0...59).contains(minute), (0...59).contains(second)
    else { return nil }
    let days = Self.daysSince1970(year: year, month: month, day: day)
    secondsSince1970 =
      days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
  }

  /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`; `nil` for anything else.
  public init?(iso8601 text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
    else { return nil }
    self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
  }

  /// The default start of a simulated cohort's first wave: Monday 6 January 2025,
  /// 09:00 UTC. A fixed date rather than "now", so that a seed gives the same file
  /// whenever it is run.
  public static let defaultStart = SimulatedTimestamp(secondsSince1970: 1_736_154_000)

  /// The latest moment that can be written with a four-digit year.
  public static let latest = SimulatedTimestamp(secondsSince1970: 253_402_300_799)

  /// This moment `seconds` later (or earlier, for a negative count); saturates at the
  /// limits of `Int64` rather than overflowing.
  public func adding(seconds: Int64) -> SimulatedTimestamp {
    let (sum, overflow) = secondsSince1970.addingReportingOverflow(seconds)
    return SimulatedTimestamp(secondsSince1970: overflow ? (seconds > 0 ? .max : .min) : sum)
  }

  /// `YYYY-MM-DDTHH:MM:SSZ`.
  public var iso8601: String {
    String(unsafeUninitializedCapacity: 20) { buffer in
      write(into: buffer)
      return 20
    }
  }

  public var description: String { iso8601 }

  /// Appends `YYYY-MM-DDTHH:MM:SSZ` as UTF-8 to `buffer`, for writers that assemble
  /// output bytes themselves; nothing is allocated beyond the buffer's own growth.
  public func appendISO8601(to buffer: inout [UInt8]) {
    // Twenty bytes on the stack, copied in one go.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { bytes in
      write(into: bytes)
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<20]))
    }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    lhs.secondsSince1970 < rhs.secondsSince1970
  }

  /// Writes the 20 bytes of the ISO 8601 form at the start of `output`, which holds
  /// at least 20.
  private func write(into output: UnsafeMutableBufferPointer<UInt8>) {
    guard output.count >= 20 else { return }
    // Floor division, so moments before 1970 fall on the right day.
    var days = secondsSince1970 / 86_400
    var secondOfDay = secondsSince1970 % 86_400
    if secondOfDay < 0 {
      secondOfDay += 86_400
      days -= 1
    }
    let (year, month, day) = Self.civilDate(daysSince1970: days)
    // Years outside 0...9999 cannot be written in four digits; they are clamped, and
    // CohortSimulation never produces them.
    func put(_ value: Int64, width: Int, at offset: Int) {
      var value = value
      for index in stride(from: offset + width - 1, through: offset, by: -1) {
        output[index] = UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0")
        value /= 10
      }
    }
    put(min(max(year, 0), 9999), width: 4, at: 0)
    output[4] = UInt8(ascii: "-")
    put(month, width: 2, at: 5)
    output[7] = UInt8(ascii: "-")
    put(day, width: 2, at: 8)
    output[10] = UInt8(ascii: "T")
    put(secondOfDay / 3_600, width: 2, at: 11)
    output[13] = UInt8(ascii: ":")
    put(secondOfDay / 60 % 60, width: 2, at: 14)
    output[16] = UInt8(ascii: ":")
    put(secondOfDay % 60, width: 2, at: 17)
    output[19] = UInt8(ascii: "Z")
  }

  private static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  private static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
  /// `days_from_civil`).
  private static func daysSince1970(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The calendar date of a day counted from 1970-01-01 (Hinnant's `civil_from_days`).
  private static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = daysSince1970 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
