import ReflectCore
import Testing

@Suite("Descriptives")
struct DescriptivesTests {
  @Test("mean, variance and SD agree with numpy", arguments: try ReferenceData.load().descriptives)
  func describe(_ reference: ReferenceData.Describe) {
    #expect(isClose(Descriptives.mean(reference.values), reference.mean, absolute: 1e-12))
    #expect(isClose(Descriptives.variance(reference.values), reference.variance, absolute: 1e-12))
    #expect(
      isClose(Descriptives.standardDeviation(reference.values), reference.sd, absolute: 1e-12))
  }

  @Test("Pearson's r agrees with scipy.stats.pearsonr", arguments: try ReferenceData.load().pearson)
  func pearson(_ reference: ReferenceData.Pearson) {
    #expect(isClose(Descriptives.pearsonCorrelation(reference.x, reference.y), reference.r))
  }

  @Test("zero variance is 0, not undefined")
  func constant() {
    #expect(Descriptives.variance([2, 2, 2]) == 0)
    #expect(Descriptives.standardDeviation([2, 2, 2]) == 0)
  }

  @Test("nil for non-finite values", arguments: [Double.nan, .infinity, -.infinity])
  func nonFinite(value: Double) {
    #expect(Descriptives.mean([1, value]) == nil)
    #expect(Descriptives.variance([1, value, 3]) == nil)
    #expect(Descriptives.pearsonCorrelation([1, value, 3], [1, 2, 3]) == nil)
  }

  @Test("nil for correlations of unequal lengths")
  func unequalLengths() {
    #expect(Descriptives.pearsonCorrelation([1, 2, 3], [1, 2]) == nil)
  }

  @Test("no overflow in the mean of huge values; nil for a variance beyond Double")
  func huge() {
    #expect(isClose(Descriptives.mean([1e308, 1e308, 1.5e308]), 3.5 / 3 * 1e308, relative: 1e-15))
    #expect(Descriptives.variance([-1e308, 1e308]) == nil)
  }

  @Test("slices and buffers without copying")
  func collections() {
    let values: [Double] = [0, 1, 2, 3, 4, 5]
    #expect(Descriptives.mean(values[2...]) == 3.5)
    let variance = values.withUnsafeBufferPointer { Descriptives.variance($0) }
    #expect(variance == 3.5)
  }
}
