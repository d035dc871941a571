import ReflectCore
import Testing

@Suite("Cronbach's alpha")
struct CronbachAlphaTests {
  @Test("alpha and item figures agree with pingouin", arguments: try ReferenceData.load().alpha)
  func reference(_ reference: ReferenceData.Alpha) {
    expect(CronbachAlpha(items: reference.recodedItems), toMatch: reference)
  }

  @Test(
    "messages shown in place of a figure",
    arguments: [
      (CronbachAlpha.Reason.fewerThanTwoCompleteCases, "fewer than 2 complete cases"),
      (.fewerThanTwoItems, "fewer than 2 items"),
      (.zeroTotalVariance, "the total score does not vary across complete cases"),
      (.zeroItemVariance, "the item does not vary across complete cases"),
      (.zeroRestScoreVariance, "the sum of the other items does not vary across complete cases"),
      (.unequalItemLengths, "the items have different numbers of values"),
      (.overflow, "the values are too large to compute with"),
    ])
  func messages(reason: CronbachAlpha.Reason, message: String) {
    #expect(reason.description == message)
  }

  @Test("k = 2: alpha if deleted would be over 1 item")
  func twoItems() {
    let result = CronbachAlpha(items: [[1, 2, 3, 5], [2, 2, 4, 4]])
    #expect(
      result.items.map(\.alphaIfDeleted) == [
        .failure(.fewerThanTwoItems), .failure(.fewerThanTwoItems),
      ])
    #expect((try? result.alpha.get()) != nil)
  }

  @Test("no items, and columns of unequal lengths")
  func malformed() {
    let none = CronbachAlpha(items: [])
    #expect(none.alpha == .failure(.fewerThanTwoItems))
    #expect(none.items.isEmpty)
    let ragged = CronbachAlpha(items: [[1, 2, 3], [1, 2]])
    #expect(ragged.alpha == .failure(.unequalItemLengths))
    #expect(ragged.completeCaseCount == 0)
  }

  @Test("values too large for Double")
  func overflow() {
    let result = CronbachAlpha(items: [[1e300, -1e300, 0], [1e300, 0, -1e300]])
    #expect(result.alpha == .failure(.overflow))
  }

  private func expect(
    _ result: CronbachAlpha, toMatch reference: ReferenceData.Alpha,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(result.itemCount == reference.items.count, sourceLocation: sourceLocation)
    #expect(result.completeCaseCount == reference.completeCases, sourceLocation: sourceLocation)
    expect(result.alpha, reference.alpha, reference.reason, sourceLocation: sourceLocation)
    #expect(result.items.count == reference.itemFigures.count, sourceLocation: sourceLocation)
    for (item, figures) in zip(result.items, reference.itemFigures) {
      expect(
        item.correctedItemTotalCorrelation, figures.itemTotal, figures.itemTotalReason,
        sourceLocation: sourceLocation)
      expect(
        item.alphaIfDeleted, figures.alphaIfDeleted, figures.alphaIfDeletedReason,
        sourceLocation: sourceLocation)
    }
  }

  /// Compares a figure with the reference value, or its reason with the reference's reason
  /// (the name of the `Reason` case).
  private func expect(
    _ result: Result<Double, CronbachAlpha.Reason>, _ value: Double?, _ reason: String?,
    sourceLocation: Testing.SourceLocation
  ) {
    switch result {
    case .success(let actual):
      #expect(reason == nil, sourceLocation: sourceLocation)
      #expect(isClose(actual, value, absolute: 1e-12), sourceLocation: sourceLocation)
    case .failure(let actual):
      #expect(value == nil, sourceLocation: sourceLocation)
      #expect(reason == "\(caseName(actual))", sourceLocation: sourceLocation)
    }
  }

  private func caseName(_ reason: CronbachAlpha.Reason) -> String {
    switch reason {
    case .fewerThanTwoCompleteCases: "fewerThanTwoCompleteCases"
    case .fewerThanTwoItems: "fewerThanTwoItems"
    case .zeroTotalVariance: "zeroTotalVariance"
    case .zeroItemVariance: "zeroItemVariance"
    case .zeroRestScoreVariance: "zeroRestScoreVariance"
    case .unequalItemLengths: "unequalItemLengths"
    case .overflow: "overflow"
    }
  }
}
