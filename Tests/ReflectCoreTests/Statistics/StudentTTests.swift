import Foundation
import ReflectCore
import Testing

@Suite("Student's t distribution")
struct StudentTTests {
  @Test("cdf and two-sided p agree with scipy.stats.t", arguments: try ReferenceData.load().tCdf)
  func cdf(_ reference: ReferenceData.TCDF) {
    // An expected 0 is a tail below the smallest double: anything under 1e-300 agrees.
    #expect(isClose(StudentT.cdf(reference.t, df: reference.df), reference.cdf, absolute: 1e-300))
    #expect(
      isClose(
        StudentT.twoSidedP(reference.t, df: reference.df), reference.twoSidedP, absolute: 1e-300))
  }

  @Test("two-sided p agrees with 50-digit mpmath to 1e-12 over the whole table")
  func precision() throws {
    let worst = try ReferenceData.load().tCdf.filter { $0.exactTwoSidedP > 1e-300 }.map {
      abs(StudentT.twoSidedP($0.t, df: $0.df) - $0.exactTwoSidedP) / $0.exactTwoSidedP
    }.max()
    #expect(try #require(worst) < 1e-12)
  }

  @Test("quantile agrees with scipy.stats.t.ppf", arguments: try ReferenceData.load().tQuantile)
  func quantile(_ reference: ReferenceData.TQuantile) {
    #expect(isClose(StudentT.quantile(reference.p, df: reference.df), reference.t, absolute: 1e-12))
  }

  @Test("quantile agrees with 50-digit mpmath to 1e-12 over the whole table")
  func quantilePrecision() throws {
    let worst = try ReferenceData.load().tQuantile.filter { $0.exact != 0 }.map {
      abs(StudentT.quantile($0.p, df: $0.df) - $0.exact) / abs($0.exact)
    }.max()
    #expect(try #require(worst) < 1e-12)
  }

  @Test(
    "the 0.975 quantiles of printed tables",
    arguments: [(1.0, 12.706), (2, 4.303), (5, 2.571), (9, 2.262), (30, 2.042), (1000, 1.962)])
  func tables(df: Double, printed: Double) {
    #expect(rounded(StudentT.quantile(0.975, df: df), places: 3) == printed)
  }

  @Test("quantile inverts cdf", arguments: [0.5, 1, 3, 17, 250, 10_000])
  func roundTrip(df: Double) {
    for p in [1e-9, 0.01, 0.3, 0.975, 0.999] {
      #expect(isClose(StudentT.cdf(StudentT.quantile(p, df: df), df: df), p, relative: 1e-12))
    }
  }

  @Test("infinite df is the normal distribution")
  func normalLimit() {
    #expect(StudentT.cdf(-2.5, df: .infinity) == Normal.cdf(-2.5))
    #expect(StudentT.quantile(0.975, df: .infinity) == Normal.quantile(0.975))
    #expect(isClose(StudentT.twoSidedP(1.96, df: .infinity), 0.04999579029644087, relative: 1e-13))
  }

  @Test("infinite t")
  func infiniteT() {
    #expect(StudentT.cdf(-.infinity, df: 3) == 0)
    #expect(StudentT.cdf(.infinity, df: 3) == 1)
    #expect(StudentT.twoSidedP(.infinity, df: 3) == 0)
    #expect(StudentT.twoSidedP(0, df: 3) == 1)
  }

  @Test("NaN for a df that is not positive", arguments: [0.0, -1, .nan])
  func invalidDF(df: Double) {
    #expect(StudentT.cdf(1, df: df).isNaN)
    #expect(StudentT.twoSidedP(1, df: df).isNaN)
    #expect(StudentT.quantile(0.3, df: df).isNaN)
  }

  @Test("NaN for a t or p outside the domain")
  func invalidArguments() {
    #expect(StudentT.cdf(.nan, df: 4).isNaN)
    #expect(StudentT.twoSidedP(.nan, df: 4).isNaN)
    for p in [-0.1, 1.2, .nan] { #expect(StudentT.quantile(p, df: 4).isNaN) }
  }

  @Test("quantile ends")
  func quantileEnds() {
    #expect(StudentT.quantile(0, df: 4) == -.infinity)
    #expect(StudentT.quantile(1, df: 4) == .infinity)
    #expect(StudentT.quantile(0.5, df: 4) == 0)
  }
}
