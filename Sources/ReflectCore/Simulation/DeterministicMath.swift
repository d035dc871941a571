/// The few transcendental functions the simulation needs, written with nothing but
/// IEEE 754 addition, multiplication, division and scaling by powers of two.
///
/// Platform math libraries (glibc, Apple's libm, Windows' CRT) may round `log` and
/// `exp` differently in the last bit; a simulated answer that sits on a threshold
/// could then come out differently on another machine. These routines give the same
/// bits everywhere (Swift never fuses multiply-adds on its own), accurate to a few
/// units in the last place, which is plenty for simulation and calibration.
enum DeterministicMath {
  /// ln 2 split so that `k * ln2High` is exact for any exponent `k` (fdlibm's split).
  private static let ln2High = 6.931_471_803_691_238_164_90e-01
  private static let ln2Low = 1.908_214_929_270_587_700_02e-10

  /// The natural logarithm.
  static func log(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x == .infinity { return .infinity }
    // x = m · 2^e with m in [√½, √2), so that s below stays small.
    var exponent = Double(Int(x.exponent))
    var m = x.significand
    if m > 1.414_213_562_373_095_1 {
      m *= 0.5
      exponent += 1
    }
    // ln m = 2 atanh(s) = 2(s + s³/3 + s⁵/5 + …), s = (m − 1)/(m + 1), |s| ≤ 0.172:
    // eleven terms take the series below 1e-18 relative.
    let s = (m - 1) / (m + 1)
    let z = s * s
    var series = 1.0 / 23
    series = series * z + 1.0 / 21
    series = series * z + 1.0 / 19
    series = series * z + 1.0 / 17
    series = series * z + 1.0 / 15
    series = series * z + 1.0 / 13
    series = series * z + 1.0 / 11
    series = series * z + 1.0 / 9
    series = series * z + 1.0 / 7
    series = series * z + 1.0 / 5
    series = series * z + 1.0 / 3
    series = series * z + 1
    let logM = 2 * s * series
    return exponent * ln2High + (logM + exponent * ln2Low)
  }

  /// eˣ.
  static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.782_712_893_384 { return .infinity }
    if x < -745.2 { return 0 }
    // x = k ln 2 + r with |r| ≤ ½ ln 2; eˣ = 2ᵏ eʳ.
    let k = (x * 1.442_695_040_888_963_4).rounded()
    let r = (x - k * ln2High) - k * ln2Low
    // Taylor series of eʳ to degree 13: the remainder is below 5e-18.
    var p = 1.0 / 6_227_020_800
    p = p * r + 1.0 / 479_001_600
    p = p * r + 1.0 / 39_916_800
    p = p * r + 1.0 / 3_628_800
    p = p * r + 1.0 / 362_880
    p = p * r + 1.0 / 40_320
    p = p * r + 1.0 / 5_040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    return Double(sign: .plus, exponent: Int(k), significand: p)
  }

  /// The standard normal density φ(x).
  static func normalDensity(_ x: Double) -> Double {
    exp(-0.5 * x * x) * 0.398_942_280_401_432_7
  }

  /// The standard normal distribution function Φ(x), to about 1e-15 absolute (1e-14
  /// relative down to x = −3, 1e-8 relative in the far tail, which the calibration
  /// that uses it does not need).
  ///
  /// Hart's (1968) algorithm 5666 as given by West (2005), "Better approximations to
  /// cumulative normal functions": a rational function times the density near the
  /// centre and a continued fraction in the tails.
  static func normalCDF(_ x: Double) -> Double {
    if x.isNaN { return x }
    let a = abs(x)
    var tail = 0.0
    if a <= 37 {
      let density = exp(-0.5 * a * a)
      if a < 7.071_067_811_865_47 {
        var numerator = 3.526_249_659_989_11e-02 * a + 0.700_383_064_443_688
        numerator = numerator * a + 6.373_962_203_531_65
        numerator = numerator * a + 33.912_866_078_383
        numerator = numerator * a + 112.079_291_497_871
        numerator = numerator * a + 221.213_596_169_931
        numerator = numerator * a + 220.206_867_912_376
        var denominator = 8.838_834_764_831_84e-02 * a + 1.755_667_163_182_64
        denominator = denominator * a + 16.064_177_579_207
        denominator = denominator * a + 86.780_732_202_946_1
        denominator = denominator * a + 296.564_248_779_674
        denominator = denominator * a + 637.333_633_378_831
        denominator = denominator * a + 793.826_512_519_948
        denominator = denominator * a + 440.413_735_824_752
        tail = density * numerator / denominator
      } else {
        var fraction = a + 0.65
        fraction = a + 4 / fraction
        fraction = a + 3 / fraction
        fraction = a + 2 / fraction
        fraction = a + 1 / fraction
        tail = density / fraction / 2.506_628_274_631
      }
    }
    return x > 0 ? 1 - tail : tail
  }
}
