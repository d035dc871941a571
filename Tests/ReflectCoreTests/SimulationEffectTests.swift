import ReflectCore
import Testing

/// What a simulated cohort looks like to an analyst: the effect asked for is the
/// effect found, scales are reliable, keying works, and scores sit mid-range.
///
/// Expected effect. The simulation shifts each scale's trait by δ from the first wave
/// to the last, with δ calibrated so that the *expected* observed change of the scale
/// score is `effect` first-wave SDs. Without calibration a shift of D would show as
/// about D·√reliability after item noise, less again after rounding into five or
/// seven choices (on this instrument about 0.88·D and 0.90·D; see
/// `calibrationUndoesTheAttenuation`). So the estimate
/// d = (mean₂ − mean₁) / s₁ over the people with both scores should be `effect` up to
/// sampling error.
///
/// Tolerance. With N = 2,000 and 2% nonresponse plus 1% "Not applicable", about
/// 1,400 people have both openness scores (six items, every item required) and 1,700
/// both leading scores. The mean change has SE s_d/√n with s_d ≈ s₁√(2(1 − r₁₂)) and
/// a test–retest correlation r₁₂ near the reliability (0.75), so about 0.019 s₁; s₁'s
/// own sampling error adds about d/√(2n) ≈ 0.015. The SE of d is thus about 0.025,
/// and 0.1 is four of them: a correct simulation fails this once in ten thousand
/// seeds, a wrong calibration (off by √reliability, about 0.1 at d = 0.8) does not
/// pass.
@Suite struct SimulationEffectTests {
  let instrument = SimulationFixtures.instrument

  typealias Stats = SimulationStatistics

  func pairedScores(
    _ scale: Scale, _ scorer: SimulationScorer, waves: Int, from: Int = 0, to: Int = 1
  ) -> (first: [Double], last: [Double]) {
    let rows = scorer.scores(scale, in: instrument, waves: waves).sorted { $0.key < $1.key }
    var first: [Double] = []
    var last: [Double] = []
    for (_, row) in rows {
      guard let a = row[from], let b = row[to] else { continue }
      first.append(a)
      last.append(b)
    }
    return (first, last)
  }

  @Test(arguments: [0.8, -0.5, 0])
  func theRequestedEffectIsRecoveredOnTheObservedScale(effect: Double) throws {
    let simulation = try CohortSimulation(
      instrument: instrument, respondents: 2_000, effect: effect, seed: 314)
    let scorer = SimulationScorer(SimulationFixtures.answers(simulation))
    for scale in instrument.scales {
      let calibration = try #require(simulation.calibrations.first { $0.scaleID == scale.id })
      #expect(abs(calibration.expectedEffect - effect) < 1e-6)
      let (first, last) = pairedScores(scale, scorer, waves: 2)
      #expect(first.count > 1_200)
      let d = (Stats.mean(last) - Stats.mean(first)) / Stats.sd(first)
      #expect(abs(d - effect) < 0.1, "\(scale.id): d = \(d)")
      // The first wave looks as the calibration computed: the mean within four
      // standard errors, the SD within 10%.
      let standardError = calibration.firstWaveSD / Double(first.count).squareRoot()
      #expect(abs(Stats.mean(first) - calibration.firstWaveMean) < 4 * standardError)
      #expect(abs(Stats.sd(first) / calibration.firstWaveSD - 1) < 0.1)
    }
  }

  /// A plain latent shift of D would show as less than D; the calibrated shift is
  /// larger to make up for it.
  @Test func calibrationUndoesTheAttenuation() throws {
    let simulation = try CohortSimulation(instrument: instrument, respondents: 1, effect: 0.8)
    #expect(simulation.calibrations.map(\.scaleID) == ["openness", "leading"])
    for calibration in simulation.calibrations {
      #expect(calibration.uncalibratedEffect > 0.6 && calibration.uncalibratedEffect < 0.75)
      #expect(calibration.latentShift > 0.85 && calibration.latentShift < 1.1)
      // d_av, what `reflect compare` prints, is close to the requested effect too:
      // both waves sit equally far from the middle of the choices.
      #expect(abs(calibration.expectedAverageSDEffect - 0.8) < 0.02)
    }
  }

  /// With three waves the change is spread evenly: the middle wave sits halfway.
  @Test func intermediateWavesChangeLinearly() throws {
    let simulation = try CohortSimulation(
      instrument: instrument, respondents: 2_000, waves: ["pre", "mid", "post"], effect: 0.8,
      seed: 99)
    let scorer = SimulationScorer(SimulationFixtures.answers(simulation))
    for scale in instrument.scales {
      let (first, middle) = pairedScores(scale, scorer, waves: 3, from: 0, to: 1)
      let d = (Stats.mean(middle) - Stats.mean(first)) / Stats.sd(first)
      #expect(abs(d - 0.4) < 0.1, "\(scale.id): d = \(d)")
    }
  }

  /// Alpha on complete cases at the first wave, as `reflect reliability` computes it.
  @Test func scalesAreReliableAndMidRange() throws {
    let simulation = try CohortSimulation(
      instrument: instrument, respondents: 2_000, effect: 0.8, seed: 5)
    let scorer = SimulationScorer(SimulationFixtures.answers(simulation))
    let firstSessions = scorer.waveOfSession.filter { $0.value == 0 }.keys.sorted()
    for scale in instrument.scales {
      var columns = [[Double]](repeating: [], count: scale.items.count)
      for session in firstSessions {
        let row = scale.items.map { item -> Double? in
          guard let x = scorer.raw(session, item.questionID),
            let range = instrument.question(item.questionID)?.choices?.numericRange
          else { return nil }
          return item.isReversed ? range.lowerBound + range.upperBound - x : x
        }
        guard row.allSatisfy({ $0 != nil }) else { continue }
        for (index, value) in row.enumerated() { columns[index].append(value ?? 0) }
      }
      let alpha = Stats.alpha(columns)
      #expect(alpha > 0.7 && alpha < 0.85, "\(scale.id): alpha = \(alpha)")
      // Recoded item means stay away from the ends of the choices.
      for column in columns {
        let mean = Stats.mean(column)
        let top = scale.id == "openness" ? 5.0 : 7.0
        #expect(mean > 1 + (top - 1) * 0.3 && mean < 1 + (top - 1) * 0.7)
        #expect(Stats.sd(column) > 0.5)
      }
    }
  }

  /// Before recoding, a reverse-keyed item runs against the rest of its scale.
  @Test func reverseKeyedItemsCorrelateNegativelyBeforeRecoding() throws {
    let simulation = try CohortSimulation(instrument: instrument, respondents: 2_000, seed: 8)
    let scorer = SimulationScorer(SimulationFixtures.answers(simulation))
    let sessions = scorer.waveOfSession.filter { $0.value == 0 }.keys.sorted()
    func correlation(_ a: String, _ b: String) -> Double {
      var xs: [Double] = []
      var ys: [Double] = []
      for session in sessions {
        guard let x = scorer.raw(session, a), let y = scorer.raw(session, b) else { continue }
        xs.append(x)
        ys.append(y)
      }
      return Stats.correlation(xs, ys)
    }
    for scale in instrument.scales {
      for first in scale.items {
        for second in scale.items where first.questionID < second.questionID {
          let r = correlation(first.questionID, second.questionID)
          if first.isReversed == second.isReversed {
            #expect(r > 0.2, "\(first.questionID)–\(second.questionID): r = \(r)")
          } else {
            #expect(r < -0.2, "\(first.questionID)–\(second.questionID): r = \(r)")
          }
        }
      }
    }
    // The rating in no scale is noise: unrelated to the scales' items (SE 0.022).
    for item in ["op01", "op02", "ld01"] {
      #expect(abs(correlation("extra", item)) < 0.1)
    }
  }

  /// The traits of different scales correlate a little (0.3 by default), so their
  /// observed scores do too, attenuated by both scales' reliabilities.
  @Test func scalesCorrelateALittle() throws {
    let simulation = try CohortSimulation(instrument: instrument, respondents: 2_000, seed: 12)
    let scorer = SimulationScorer(SimulationFixtures.answers(simulation))
    let openness = scorer.scores(instrument.scales[0], in: instrument, waves: 2)
    let leading = scorer.scores(instrument.scales[1], in: instrument, waves: 2)
    var xs: [Double] = []
    var ys: [Double] = []
    for (respondent, row) in openness {
      guard let x = row[0], let y = leading[respondent]?[0] else { continue }
      xs.append(x)
      ys.append(y)
    }
    let r = Stats.correlation(xs, ys)
    #expect(r > 0.12 && r < 0.35, "r = \(r)")
  }
}
