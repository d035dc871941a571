import ReflectCore
import Testing

@Suite struct SimulationTimestampTests {
  @Test(arguments: [
    (1970, 1, 1, 0, 0, 0, "1970-01-01T00:00:00Z", Int64(0)),
    (2025, 1, 6, 9, 0, 0, "2025-01-06T09:00:00Z", 1_736_154_000),
    (2024, 2, 29, 23, 59, 59, "2024-02-29T23:59:59Z", 1_709_251_199),
    (1969, 12, 31, 23, 59, 59, "1969-12-31T23:59:59Z", -1),
    (1, 1, 1, 0, 0, 0, "0001-01-01T00:00:00Z", -62_135_596_800),
    (9999, 12, 31, 23, 59, 59, "9999-12-31T23:59:59Z", 253_402_300_799),
  ])
  func calendarDatesAndTheirText(
    date: (Int, Int, Int, Int, Int, Int, String, Int64)
  ) {
    let (year, month, day, hour, minute, second, text, seconds) = date
    let timestamp = SimulatedTimestamp(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    #expect(timestamp?.secondsSince1970 == seconds)
    #expect(timestamp?.iso8601 == text)
    #expect(SimulatedTimestamp(iso8601: text) == timestamp)
    var bytes = Array("x,".utf8)
    timestamp?.appendISO8601(to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "x," + text)
  }

  @Test func defaultStartIsAFixedMondayMorning() {
    #expect(SimulatedTimestamp.defaultStart.iso8601 == "2025-01-06T09:00:00Z")
    #expect(SimulatedTimestamp.latest.iso8601 == "9999-12-31T23:59:59Z")
  }

  @Test(arguments: [
    "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
    "2025-01-01T00:60:00Z", "2025-01-01 00:00:00Z", "2025-01-01T00:00:00", "0000-01-01T00:00:00Z",
    "2025-1-01T00:00:00Z", "２０２５-01-01T00:00:00Z",
  ])
  func invalidTextIsRejected(text: String) {
    #expect(SimulatedTimestamp(iso8601: text) == nil)
  }

  @Test func addingSaturatesInsteadOfOverflowing() {
    let late = SimulatedTimestamp(secondsSince1970: .max - 5)
    #expect(late.adding(seconds: 10).secondsSince1970 == .max)
    let early = SimulatedTimestamp(secondsSince1970: .min + 5)
    #expect(early.adding(seconds: -10).secondsSince1970 == .min)
    #expect(late.adding(seconds: -5).secondsSince1970 == .max - 10)
  }

  /// Every day for 30 years round-trips through its text.
  @Test func everyDayRoundTrips() {
    var moment = SimulatedTimestamp(year: 2000, month: 1, day: 1, hour: 12)
    for _ in 0..<(30 * 366) {
      guard let current = moment else { break }
      #expect(SimulatedTimestamp(iso8601: current.iso8601) == current)
      moment = current.adding(seconds: 86_400)
    }
  }
}
