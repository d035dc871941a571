import Foundation
import ReflectCore
import Testing

@Suite("Normal distribution")
struct NormalTests {
  @Test("cdf agrees with scipy.special.ndtr", arguments: try ReferenceData.load().normalCdf)
  func cdf(_ reference: ReferenceData.NormalCDF) {
    #expect(isClose(Normal.cdf(reference.x), reference.p))
  }

  @Test(
    "quantile agrees with scipy.special.ndtri", arguments: try ReferenceData.load().normalQuantile)
  func quantile(_ reference: ReferenceData.NormalQuantile) {
    #expect(isClose(Normal.quantile(reference.p), reference.x, absolute: 1e-12))
  }

  // Up to x = 3 only: above, cdf(x) rounds to a multiple of 2⁻⁵³ and no longer says which x.
  @Test("quantile inverts cdf across the range", arguments: [-37.0, -25, -8, -2, -0.3, 0.7, 3])
  func roundTrip(x: Double) {
    #expect(isClose(Normal.quantile(Normal.cdf(x)), x, relative: 1e-12))
  }

  @Test(
    "edge values",
    arguments: [
      (Normal.quantile(0), -Double.infinity), (Normal.quantile(1), .infinity),
      (Normal.quantile(0.5), 0), (Normal.cdf(-.infinity), 0), (Normal.cdf(.infinity), 1),
      (Normal.cdf(-40), 0),
    ])
  func edges(actual: Double, expected: Double) {
    #expect(actual == expected)
  }

  @Test("NaN for arguments outside the domain", arguments: [-0.1, 1.1, .nan, -.infinity])
  func outsideDomain(p: Double) {
    #expect(Normal.quantile(p).isNaN)
    #expect(Normal.cdf(.nan).isNaN)
  }
}
