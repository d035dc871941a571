/// How a scale's simulated answers are generated, and what its observed scores should
/// look like in a large cohort.
///
/// Answers are whole choices, so a shift of the latent trait by D standard deviations
/// does not move the observed scale score by D of *its* standard deviations: item
/// noise dilutes it (by about √reliability) and cutting into a handful of choices
/// dilutes it further and, near the top or bottom choice, compresses it. The
/// simulation therefore calibrates: it finds the latent shift (``latentShift``) at
/// which the expected observed change, in first-wave SDs, equals the requested effect,
/// so that `reflect compare` on a large simulated cohort recovers the effect asked for.
/// ``uncalibratedEffect`` records how much a plain latent shift of D would have shown.
///
/// The expectations are exact for the model (numerical integration over the trait,
/// not simulation), for people who answer every item, on the scale's own metric
/// (`mean`, or `sum` as the mean times the total weight).
public struct ScaleCalibration: Sendable, Hashable {
  /// The scale's id.
  public let scaleID: String
  /// How many items this scale's trait drives (an item listed in several scales
  /// follows the first of them).
  public let itemCount: Int
  /// The items' mean loading on the trait: their correlation with it before the
  /// answers are cut into choices.
  public let meanLoading: Double
  /// How far the trait moves from the first wave to the last, in trait SDs.
  public let latentShift: Double
  /// The expected scale score at the first wave.
  public let firstWaveMean: Double
  /// The standard deviation of the scale scores at the first wave.
  public let firstWaveSD: Double
  /// The expected scale score at the last wave.
  public let lastWaveMean: Double
  /// The standard deviation of the scale scores at the last wave.
  public let lastWaveSD: Double
  /// The observed effect, in first-wave SDs, that a latent shift of exactly the
  /// requested effect would give: how much discretisation and item noise attenuate it.
  public let uncalibratedEffect: Double

  /// The expected change divided by the first wave's SD: the requested effect.
  public var expectedEffect: Double {
    firstWaveSD > 0 ? (lastWaveMean - firstWaveMean) / firstWaveSD : 0
  }

  /// The expected change divided by the mean of both waves' SDs, the `d_av` that
  /// `reflect compare` reports. The cohort's path is centred on the middle of the
  /// choices, so both waves spread alike and this is close to ``expectedEffect``.
  public var expectedAverageSDEffect: Double {
    let average = (firstWaveSD + lastWaveSD) / 2
    return average > 0 ? (lastWaveMean - firstWaveMean) / average : 0
  }
}

extension ScaleCalibration {
  /// One item as the calibration sees it.
  struct Item {
    var loading: Double
    var noiseSD: Double
    /// The cut points on the continuous response, ascending.
    var thresholds: [Double]
    /// The recoded (reverse keying applied) numeric value of each category, in the
    /// order the cut points define.
    var recoded: [Double]
    var weight: Double
  }

  /// The largest change of the trait, in SDs: the first wave 3 SDs below the centre,
  /// the last 3 above. Further out the observed effect still grows, but only because
  /// the first wave piles up on the bottom choice and its spread vanishes, which is
  /// no data anyone should analyse.
  static let maximumShift = 6.0

  /// Finds the latent shift that gives `effect` on the observed scale.
  ///
  /// Given the trait θ the items are independent, so the score's conditional mean
  /// m(θ) and variance v(θ) are sums over items of closed forms in Φ. The score's
  /// mean where the cohort's trait is centred at c is ∫ m(u) φ(u − c) du and its
  /// variance ∫ (v(u) + m(u)²) φ(u − c) du − mean², on a fine grid of u computed
  /// once. The first wave is centred at −δ/2 and the last at +δ/2, and δ is found by
  /// bisection.
  init(
    scaleID: String, items: [Item], effect: Double, scoreMultiplier: Double
  ) throws(SimulationError) {
    // Every conditional mean is smooth on the scale of σ/λ ≥ 0.3, so the trapezoid
    // rule on this grid is exact to far below rounding error.
    let step = 1.0 / 16
    // Waves sit at most half the largest shift from the centre; 9 SDs of the trait
    // beyond, its density is below 1e-17.
    let reach = Self.maximumShift / 2 + 9
    let gridCount = Int(2 * reach / step) + 1
    var grid = [Double](repeating: 0, count: gridCount)
    var conditionalMean = [Double](repeating: 0, count: gridCount)
    var conditionalSquare = [Double](repeating: 0, count: gridCount)
    let totalWeight = items.reduce(0) { $0 + $1.weight }
    for index in 0..<gridCount {
      let u = -reach + Double(index) * step
      grid[index] = u
      var mean = 0.0
      var variance = 0.0
      for item in items where totalWeight > 0 {
        var below = 0.0
        var itemMean = 0.0
        var itemSquare = 0.0
        for category in item.recoded.indices {
          let cumulative =
            category < item.thresholds.count
            ? DeterministicMath.normalCDF(
              (item.thresholds[category] - item.loading * u) / item.noiseSD)
            : 1
          let probability = cumulative - below
          below = cumulative
          itemMean += probability * item.recoded[category]
          itemSquare += probability * item.recoded[category] * item.recoded[category]
        }
        let share = item.weight / totalWeight
        mean += share * itemMean
        variance += share * share * max(0, itemSquare - itemMean * itemMean)
      }
      conditionalMean[index] = mean
      conditionalSquare[index] = variance + mean * mean
    }

    func moments(shift: Double) -> (mean: Double, sd: Double) {
      var total = 0.0
      var first = 0.0
      var second = 0.0
      for index in 0..<gridCount {
        let density = DeterministicMath.normalDensity(grid[index] - shift)
        total += density
        first += density * conditionalMean[index]
        second += density * conditionalSquare[index]
      }
      // Dividing by the discrete total rather than the step cancels the grid's tiny
      // quadrature error in the density's own integral.
      let mean = first / total
      return (mean, max(0, second / total - mean * mean).squareRoot())
    }

    // The cohort's path is centred on the trait's mean: the first wave sits δ/2
    // below it and the last δ/2 above.
    func waves(
      _ shift: Double
    ) -> (first: (mean: Double, sd: Double), last: (mean: Double, sd: Double)) {
      (moments(shift: -shift / 2), moments(shift: shift / 2))
    }
    func observedEffect(_ shift: Double) -> Double {
      let (first, last) = waves(shift)
      return first.sd > 1e-12 ? (last.mean - first.mean) / first.sd : 0
    }

    var shift = 0.0
    if effect != 0 {
      let bound = effect > 0 ? Self.maximumShift : -Self.maximumShift
      let reachable = observedEffect(bound)
      guard abs(reachable) > abs(effect) else {
        throw .effectNotAttainable(scale: scaleID, effect: effect, maximum: reachable)
      }
      // The observed effect grows with the shift: the means part, and the first
      // wave's spread, if anything, narrows as it nears the end of the choices.
      var low = 0.0
      var high = bound
      for _ in 0..<64 {
        let middle = (low + high) / 2
        if abs(observedEffect(middle)) < abs(effect) { low = middle } else { high = middle }
      }
      shift = (low + high) / 2
    }
    let (first, last) = waves(shift)

    self.scaleID = scaleID
    itemCount = items.count
    meanLoading = items.isEmpty ? 0 : items.reduce(0) { $0 + $1.loading } / Double(items.count)
    latentShift = shift
    firstWaveMean = first.mean * scoreMultiplier
    firstWaveSD = first.sd * abs(scoreMultiplier)
    lastWaveMean = last.mean * scoreMultiplier
    lastWaveSD = last.sd * abs(scoreMultiplier)
    uncalibratedEffect = observedEffect(min(max(effect, -Self.maximumShift), Self.maximumShift))
  }
}
