import Testing

@testable import ReflectCore

/// The ISO 8601 timestamps that order a person's waves.
@Suite("Growth: session times")
struct GrowthSessionTimeTests {
  @Test(
    "reads the store's, the CSV's and other ISO 8601 forms",
    arguments: [
      ("1970-01-01", 0),
      ("2025-01-06T09:00:00Z", 1_736_154_000),
      ("2025-01-06T09:00:00.000Z", 1_736_154_000),
      ("2025-01-06T09:00:00.250Z", 1_736_154_000.25),
      ("2025-01-06 09:00:00Z", 1_736_154_000),
      ("2025-01-06T09:00Z", 1_736_154_000),
      ("2025-01-06T09:00:00", 1_736_154_000),
      ("2025-01-06T11:00:00+02:00", 1_736_154_000),
      ("2025-01-06T04:30:00-0430", 1_736_154_000),
      ("2025-01-06T10:00:00+01", 1_736_154_000),
      ("2024-02-29", 1_709_164_800),
      ("1969-12-31T23:59:59Z", -1),
    ] as [(String, Double)])
  func reads(_ text: String, _ seconds: Double) {
    #expect(SessionTime.seconds(text) == seconds)
  }

  @Test(
    "refuses what is not a timestamp",
    arguments: [
      "", "pre", "2025-1-6", "2025-13-01", "2025-02-29", "2025-01-06T", "2025-01-06T25:00",
      "2025-01-06T09:00:00+", "2025-01-06T09:00:00.Z", "2025-01-06T09:00:00Zx", "06/01/2025",
    ])
  func refuses(_ text: String) {
    #expect(SessionTime.seconds(text) == nil)
  }
}
