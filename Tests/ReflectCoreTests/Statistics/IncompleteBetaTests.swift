import Foundation
import ReflectCore
import Testing

@Suite("Regularized incomplete beta")
struct IncompleteBetaTests {
  @Test("agrees with scipy.special.betainc", arguments: try ReferenceData.load().incompleteBeta)
  func grid(_ reference: ReferenceData.IncompleteBetaCase) {
    let value = IncompleteBeta.regularized(reference.x, a: reference.a, b: reference.b)
    #expect(isClose(value, reference.value, absolute: 1e-300))
  }

  @Test("agrees with 50-digit mpmath to 1e-12 over the whole grid")
  func precision() throws {
    let worst = try ReferenceData.load().incompleteBeta.filter { $0.exact > 1e-300 }.map {
      abs(IncompleteBeta.regularized($0.x, a: $0.a, b: $0.b) - $0.exact) / $0.exact
    }.max()
    #expect(try #require(worst) < 1e-12)
  }

  @Test(
    "I_x(a, b) + I_{1−x}(b, a) = 1",
    arguments: [(0.2, 3.0, 4.0), (0.9, 0.5, 700), (0.5, 2500, 2500), (0.999, 0.1, 20)])
  func symmetry(x: Double, a: Double, b: Double) {
    let sum =
      IncompleteBeta.regularized(x, a: a, b: b) + IncompleteBeta.regularized(1 - x, a: b, b: a)
    #expect(isClose(sum, 1, relative: 1e-13))
  }

  @Test("closed forms: I_x(1, 1) = x and I_x(a, 1) = xᵃ", arguments: [0.01, 0.3, 0.77])
  func closedForms(x: Double) {
    #expect(isClose(IncompleteBeta.regularized(x, a: 1, b: 1), x, relative: 1e-14))
    #expect(isClose(IncompleteBeta.regularized(x, a: 3.5, b: 1), pow(x, 3.5), relative: 1e-13))
  }

  @Test("the ends of [0, 1]")
  func ends() {
    #expect(IncompleteBeta.regularized(0, a: 2, b: 3) == 0)
    #expect(IncompleteBeta.regularized(1, a: 2, b: 3) == 1)
  }

  @Test(
    "NaN outside the domain",
    arguments: [
      (-0.1, 1.0, 1.0), (1.5, 1, 1), (0.5, 0, 1), (0.5, 1, -2), (.nan, 1, 1), (0.5, .nan, 1),
    ])
  func outsideDomain(x: Double, a: Double, b: Double) {
    #expect(IncompleteBeta.regularized(x, a: a, b: b).isNaN)
  }
}
