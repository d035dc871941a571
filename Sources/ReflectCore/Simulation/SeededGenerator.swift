/// A seedable random number generator whose output depends on nothing but its seed:
/// the same seed gives the same numbers on every platform, compiler and Swift version.
///
/// The generator is xoshiro256** (Blackman and Vigna, 2018), its state filled from
/// the seed by SplitMix64, as its authors recommend. The uniform and normal deviates
/// and the bounded integers are computed here rather than by the standard library,
/// whose algorithms for `Double.random(in:using:)` and `Int.random(in:using:)` are not
/// promised to stay the same, and normal deviates use the project's own logarithm
/// (``DeterministicMath``) because a platform's `log` may differ in the last bit.
///
/// Use it where output must be reproducible: simulated cohorts, tests, benchmarks.
/// It is not for secrets.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  /// The polar method yields normal deviates in pairs; the second waits here.
  private var spareNormal: Double?

  /// A generator whose sequence is determined by `seed`.
  public init(seed: UInt64) {
    var seeder = SplitMix64(state: seed)
    s0 = seeder.next()
    s1 = seeder.next()
    s2 = seeder.next()
    s3 = seeder.next()
    // SplitMix64 never yields four zero words in a row, so the state is never all zero
    // (the one state xoshiro cannot leave).
  }

  /// One of many independent generators for the same `seed`, told apart by `stream`.
  ///
  /// A simulation gives each respondent their own stream, so that any respondent's
  /// answers can be produced without producing everyone before them, and the answers
  /// of respondent 7 do not change when the cohort grows from 10 to 1,000 people.
  public init(seed: UInt64, stream: UInt64) {
    // Hashing seed and stream together (SplitMix64's bijective finaliser) makes
    // neighbouring streams start far apart in SplitMix64's sequence, so their states
    // share no words.
    self.init(seed: SplitMix64.mix(SplitMix64.mix(seed) &+ stream))
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, by: 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, by: 45)
    return result
  }

  /// A uniform deviate in [0, 1): the top 53 bits of ``next()``, so every value is
  /// a multiple of 2⁻⁵³ and the conversion is exact.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal deviate (mean 0, standard deviation 1), by Marsaglia's polar
  /// form of the Box–Muller transform.
  ///
  /// The polar form needs only a logarithm and a square root; the square root is
  /// exact under IEEE 754 everywhere and the logarithm is the project's own, so the
  /// deviates are the same bits on every platform.
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    while true {
      let u = 2 * nextUniform() - 1
      let v = 2 * nextUniform() - 1
      let s = u * u + v * v
      // Points outside the unit disc, and its centre, are rejected (about 21%).
      guard s > 0, s < 1 else { continue }
      let factor = (-2 * DeterministicMath.log(s) / s).squareRoot()
      spareNormal = v * factor
      return u * factor
    }
  }

  /// A uniform integer in `0..<bound`, without bias (Lemire's multiply-and-reject
  /// method); 0 when `bound` is not positive.
  public mutating func nextInt(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      // Reject the few low products that would make some results more likely.
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }
}

/// Vigna's SplitMix64: a tiny generator used only to spread a 64-bit seed over
/// xoshiro's 256-bit state.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// SplitMix64's finaliser: a bijection on 64-bit words that scatters nearby inputs.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
