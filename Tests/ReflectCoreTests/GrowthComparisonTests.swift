import Foundation
import ReflectCore
import Testing

/// `reflect compare`'s figures against scipy and pingouin, and the confidentiality rule.
@Suite("Growth: cohort comparison")
struct GrowthComparisonTests {
  static func compare(
    minGroup: Int = 5, byRole: Bool = true
  ) throws -> (CohortComparison, GrowthReference) {
    let reference = try GrowthReference.load()
    let data = GrowthData(reference.responses())
    let comparison = try data.compare(
      from: "pre", to: "post", groups: byRole ? reference.roles : nil, minGroup: minGroup)
    return (comparison, reference)
  }

  @Test("every figure of every reported group agrees with scipy and pingouin")
  func figuresMatchTheReference() throws {
    let (comparison, reference) = try Self.compare()
    #expect(comparison.instrument == "growth")
    #expect(comparison.from == "pre" && comparison.to == "post")
    #expect(comparison.groups.map(\.group) == ["all", "mentee"])
    for group in comparison.groups {
      let expected = try #require(reference.compare[group.group])
      #expect(group.n == expected.n, "n of \(group.group)")
      #expect(group.excluded == expected.excluded, "excluded of \(group.group)")
      #expect(group.scales.map(\.scale) == GrowthReference.order)
      for (actual, wanted) in zip(group.scales, expected.scales) {
        let what = "\(group.group)/\(actual.scale)"
        #expect(actual.n == wanted.n, "n of \(what)")
        #expect(actual.df == wanted.df, "df of \(what)")
        #expect(actual.reliabilitySource.rawValue == wanted.reliabilitySource, "source of \(what)")
        #expect(
          [actual.improved, actual.unchanged, actual.declined]
            == [wanted.improved, wanted.unchanged, wanted.declined], "RCI classes of \(what)")
        let figures: [(String, Double?, Double?)] = [
          ("mean_from", actual.meanFrom, wanted.meanFrom),
          ("sd_from", actual.sdFrom, wanted.sdFrom),
          ("mean_to", actual.meanTo, wanted.meanTo), ("sd_to", actual.sdTo, wanted.sdTo),
          ("mean_change", actual.meanChange, wanted.meanChange),
          ("sd_change", actual.sdChange, wanted.sdChange), ("ci_low", actual.ciLow, wanted.ciLow),
          ("ci_high", actual.ciHigh, wanted.ciHigh), ("t", actual.t, wanted.t),
          ("p", actual.p, wanted.p), ("d_z", actual.dZ, wanted.dZ),
          ("d_av", actual.dAv, wanted.dAv),
          ("g_av", actual.gAv, wanted.gAv), ("wilcoxon_w", actual.wilcoxonW, wanted.wilcoxonW),
          ("wilcoxon_p", actual.wilcoxonP, wanted.wilcoxonP),
          ("reliability", actual.reliability, wanted.reliability), ("sem", actual.sem, wanted.sem),
        ]
        for (name, value, expected) in figures {
          expectClose(value, expected, "\(name) of \(what)")
        }
      }
    }
  }

  @Test("a group under the minimum and the next smallest are suppressed, by name only")
  func smallGroupAndNextSmallestAreSuppressed() throws {
    let (comparison, reference) = try Self.compare()
    // coach (3 pairs) is under 5; mentor (7) is the next smallest; mentee (12) stays.
    #expect(reference.groupSizes == ["coach": 3, "mentor": 7, "mentee": 12])
    #expect(comparison.minGroup == 5)
    #expect(comparison.suppressed == ["coach", "mentor"])
    #expect(comparison.notices.isEmpty)
    // Only the union of the two is derivable (all less mentee), never either alone.
    let all = try #require(comparison.groups.first { $0.group == "all" })
    let mentee = try #require(comparison.groups.first { $0.group == "mentee" })
    #expect(all.n - mentee.n == 3 + 7)

    let json = try String(decoding: JSONEncoder().encode(comparison), as: UTF8.self)
    #expect(json.contains(#""suppressed":[{"group":"coach"},{"group":"mentor"}]"#))
    for name in ["coach", "mentor"] {
      #expect(json.components(separatedBy: "\"\(name)\"").count == 2, "\(name) appears once")
    }
  }

  @Test(
    "the confidentiality rule on group sizes",
    arguments: [
      ([String: Int](), Set<String>()),
      (["x": 5, "y": 9], []),
      (["x": 4, "y": 9, "z": 6], ["x", "z"]),
      (["x": 4, "y": 2, "z": 6], ["x", "y"]),
      (["x": 0, "y": 9], ["x", "y"]),
      (["x": 4], ["x"]),
      (["x": 4, "b": 7, "a": 7], ["x", "a"]),
    ] as [([String: Int], Set<String>)])
  func suppressionRule(_ sizes: [String: Int], _ expected: Set<String>) {
    #expect(MinimumGroupSize(5).suppressedGroups(sizes: sizes) == expected)
  }

  @Test("a minimum group size below 3 is raised to 3, and the comparison says so")
  func minimumBelowThreeIsRaised() throws {
    let (comparison, _) = try Self.compare(minGroup: 1)
    #expect(comparison.minGroup == 3)
    #expect(
      comparison.notices == [
        "a minimum group size of 1 is below 3, the smallest that keeps individuals out of "
          + "group figures; using 3"
      ])
    #expect(comparison.groups.map(\.group) == ["all", "coach", "mentee", "mentor"])
    #expect(comparison.suppressed.isEmpty)
    #expect(MinimumGroupSize(2).value == 3 && MinimumGroupSize(2).wasRaised)
    #expect(MinimumGroupSize(3).notice == nil && MinimumGroupSize().value == 5)
  }

  @Test("a cohort under the minimum is suppressed whole, and every group with it")
  func smallCohortIsSuppressed() throws {
    let reference = try GrowthReference.load()
    let data = GrowthData(reference.responses(only: ["r01", "r02", "r13", "r14", "r23"]))
    let comparison = try data.compare(from: "pre", to: "post", groups: reference.roles)
    #expect(comparison.groups.isEmpty)
    #expect(comparison.suppressed == ["all", "mentee", "mentor"])
    let json = try String(decoding: JSONEncoder().encode(comparison), as: UTF8.self)
    #expect(json.contains(#""groups":[]"#))
  }

  @Test("people the breakdown does not name form a group of their own")
  func peopleWithoutAValueFormAGroup() throws {
    let reference = try GrowthReference.load()
    var roles = reference.roles
    for person in ["r01", "r02", "r03", "r04", "r05"] { roles[person] = "" }
    roles["r06"] = nil
    // At 5, coach (3) would take the next smallest with it: "(no value)" or mentee (6 each),
    // the first by name.
    let comparison = try GrowthData(reference.responses()).compare(
      from: "pre", to: "post", groups: roles, minGroup: 3)
    #expect(comparison.groups.map(\.group) == ["all", "(no value)", "coach", "mentee", "mentor"])
    let unnamed = try #require(comparison.groups.first { $0.group == "(no value)" })
    #expect(unnamed.n == 6)
    #expect(comparison.groups.first { $0.group == "mentee" }?.n == 6)
  }

  @Test("a wave where everyone has the same score gives nulls, never NaN")
  func constantScoresGiveNulls() throws {
    var responses = Responses(instrument: growthInstrument())
    for person in 1...12 {
      appendSmall(&responses, "p\(person)", "pre", [3, 3, 3])
      appendSmall(&responses, "p\(person)", "post", [3, 3, 3])
    }
    let comparison = try GrowthData(responses).compare(from: "pre", to: "post")
    let scale = try #require(comparison.groups.first?.scales.first)
    #expect(scale.n == 12)
    #expect(scale.meanFrom == 3 && scale.sdFrom == 0 && scale.meanChange == 0)
    #expect(scale.sdChange == 0 && scale.ciLow == 0 && scale.ciHigh == 0 && scale.df == 11)
    let undefined: [Double?] = [
      scale.t, scale.p, scale.dZ, scale.dAv, scale.gAv, scale.wilcoxonW, scale.wilcoxonP,
      scale.reliability, scale.sem,
    ]
    #expect(undefined.allSatisfy { $0 == nil })
    #expect(scale.improved == nil && scale.unchanged == nil && scale.declined == nil)
    #expect(scale.reliabilitySource == .unknown)
    #expect(
      scale.reliabilityReason
        == "no alpha at pre: the total score does not vary across complete cases")

    let data = try JSONEncoder().encode(comparison)
    #expect(!String(decoding: data, as: UTF8.self).lowercased().contains("nan"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let groups = try #require(object["groups"] as? [[String: Any]])
    let fields = try #require((groups.first?["scales"] as? [[String: Any]])?.first)
    for key in [
      "t", "p", "d_z", "d_av", "g_av", "wilcoxon_w", "wilcoxon_p", "reliability", "sem",
      "improved", "unchanged", "declined",
    ] {
      #expect(fields[key] is NSNull, "\(key) is an explicit null")
    }
    #expect(fields["df"] as? Int == 11 && fields["reliability_source"] as? String == "unknown")
  }

  @Test("the JSON has cli.md's fields, and reliability_reason")
  func jsonShape() throws {
    let (comparison, _) = try Self.compare(byRole: false)
    let object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(comparison)) as? [String: Any])
    #expect(
      Set(object.keys) == ["instrument", "from", "to", "min_group", "groups", "suppressed"])
    let groups = try #require(object["groups"] as? [[String: Any]])
    #expect(groups.count == 1 && groups.first?["group"] as? String == "all")
    let scale = try #require((groups.first?["scales"] as? [[String: Any]])?.first)
    let fields = [
      "scale", "n", "mean_from", "sd_from", "mean_to", "sd_to", "mean_change", "sd_change",
      "ci_low", "ci_high", "t", "df", "p", "d_z", "d_av", "g_av", "wilcoxon_w", "wilcoxon_p",
      "reliability", "reliability_source", "sem", "improved", "unchanged", "declined",
      "reliability_reason",
    ]
    #expect(Set(scale.keys) == Set(fields))
  }

  @Test("a wave without sessions, or a wave compared with itself, is an error that says so")
  func badWavesAreErrors() throws {
    let reference = try GrowthReference.load()
    let data = GrowthData(reference.responses())
    #expect(
      throws: GrowthError(
        code: .unknownWave,
        message: "no session of 'growth' is at wave 'mid' (waves: pre, post, follow-up)")
    ) {
      try data.compare(from: "pre", to: "mid")
    }
    #expect(
      throws: GrowthError(
        code: .sameWave, message: "cannot compare wave 'pre' with itself; give two different waves")
    ) {
      try data.compare(from: "pre", to: "pre")
    }
  }
}
