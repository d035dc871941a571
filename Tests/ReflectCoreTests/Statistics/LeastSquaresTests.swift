import ReflectCore
import Testing

@Suite("Least-squares slope")
struct LeastSquaresTests {
  @Test("agrees with scipy.stats.linregress", arguments: try ReferenceData.load().leastSquares)
  func slope(_ reference: ReferenceData.Slope) {
    #expect(
      isClose(
        LeastSquares.slope(of: reference.y, on: reference.x), reference.slope, absolute: 1e-12))
  }

  @Test("per wave: positions 0, 1, 2, …")
  func perWave() {
    #expect(LeastSquares.slopePerWave([10, 12, 14]) == 2)
    #expect(LeastSquares.slopePerWave([7]) == nil)
    #expect(LeastSquares.slopePerWave([]) == nil)
    #expect(LeastSquares.slopePerWave([1, .nan, 3]) == nil)
  }

  @Test("nil for arrays of unequal lengths")
  func unequalLengths() {
    #expect(LeastSquares.slope(of: [1, 2, 3], on: [0, 1]) == nil)
  }
}
