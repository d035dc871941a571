import Foundation
import ReflectCore
import Testing

/// `reflect dyads`: each mentor–mentee pair's change side by side, and the summary.
@Suite("Growth: dyads")
struct GrowthDyadTests {
  static func dyads() throws -> (DyadComparison, GrowthReference) {
    let reference = try GrowthReference.load()
    let pairs = reference.pairs.map { DyadComparison.Pair(mentor: $0.mentor, mentee: $0.mentee) }
    return (try GrowthData(reference.responses()).dyads(pairs, from: "pre", to: "post"), reference)
  }

  @Test("each person's class and the pair counts agree with the reference")
  func dyadsMatchTheReference() throws {
    let (comparison, reference) = try Self.dyads()
    #expect(comparison.dyads.count == reference.dyads.pairs.count)
    for (dyad, expected) in zip(comparison.dyads, reference.dyads.pairs) {
      #expect(dyad.mentor == expected.mentor && dyad.mentee == expected.mentee)
      #expect(dyad.scales.map(\.scale) == GrowthReference.order)
      for change in dyad.scales {
        let classes = try #require(expected.scales[change.scale])
        let what = "\(dyad.mentor)/\(dyad.mentee) on \(change.scale)"
        #expect(change.mentor.classification.rawValue == classes.mentor, "mentor, \(what)")
        #expect(change.mentee.classification.rawValue == classes.mentee, "mentee, \(what)")
      }
    }
    #expect(comparison.summary.count == reference.dyads.summary.count)
    for (summary, expected) in zip(comparison.summary, reference.dyads.summary) {
      #expect(summary.scale == expected.scale)
      #expect(
        [
          summary.pairs, summary.bothImproved, summary.onlyMentee, summary.onlyMentor,
          summary.neither, summary.unknown,
        ] == [
          expected.pairs, expected.bothImproved, expected.onlyMentee, expected.onlyMentor,
          expected.neither, expected.unknown,
        ] as [Int], "summary of \(summary.scale)")
    }
  }

  @Test("a mentor without the later wave is unknown, with the reason")
  func missingWaveIsUnknown() throws {
    let (comparison, _) = try Self.dyads()
    let dyad = try #require(comparison.dyads.last)
    #expect(dyad.mentor == "r23")
    let change = try #require(dyad.scales.first?.mentor)
    #expect(change.classification == .unknown && change.reason == "no score at post")
    #expect(change.scoreFrom != nil && change.scoreTo == nil && change.change == nil)
  }

  @Test("the summary counts a small hand-made case")
  func summaryByHand() throws {
    var responses = Responses(instrument: growthInstrument())
    // Ten people spread over the scale, so the cohort gives a reliability at pre.
    for person in 0..<10 {
      let level = Double(person % 5 + 1)
      appendSmall(&responses, "c\(person)", "pre", [level, level, level == 3 ? 4 : level])
      appendSmall(&responses, "c\(person)", "post", [level, level, level])
    }
    appendSmall(&responses, "up1", "pre", [1, 1, 1])
    appendSmall(&responses, "up1", "post", [5, 5, 5])
    appendSmall(&responses, "up2", "pre", [1, 1, 2])
    appendSmall(&responses, "up2", "post", [5, 5, 5])
    appendSmall(&responses, "same", "pre", [3, 3, 3])
    appendSmall(&responses, "same", "post", [3, 3, 3])
    appendSmall(&responses, "down", "pre", [5, 5, 5])
    appendSmall(&responses, "down", "post", [1, 1, 1])
    let pairs = DyadComparison.Pair.pairs([
      ("up1", "up2"), ("up1", "same"), ("same", "up2"), ("down", "same"), ("up1", "absent"),
    ])
    let comparison = try GrowthData(responses).dyads(pairs, from: "pre", to: "post")
    let summary = try #require(comparison.summary.first)
    #expect(comparison.reliability.first?.source == .cohort)
    #expect(
      [
        summary.pairs, summary.bothImproved, summary.onlyMentor, summary.onlyMentee,
        summary.neither,
      ]
        == [4, 1, 1, 1, 1] as [Int])
    #expect(summary.unknown == 1)
    #expect(
      comparison.dyads.map {
        [$0.scales[0].mentor.classification, $0.scales[0].mentee.classification]
      }
        == [
          [.improved, .improved], [.improved, .unchanged], [.unchanged, .improved],
          [.declined, .unchanged], [.improved, .unknown],
        ] as [[ChangeClassification]])
  }

  @Test("the JSON names the pairs, both people's change and the summary")
  func jsonShape() throws {
    let (comparison, _) = try Self.dyads()
    let data = try JSONEncoder().encode(comparison)
    #expect(!String(decoding: data, as: UTF8.self).lowercased().contains("nan"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(
      Set(object.keys) == ["instrument", "from", "to", "pairs", "summary", "reliability"])
    let pair = try #require((object["pairs"] as? [[String: Any]])?.last)
    #expect(pair["mentor"] as? String == "r23" && pair["mentee"] as? String == "r09")
    let scale = try #require((pair["scales"] as? [[String: Any]])?.first)
    #expect(Set(scale.keys) == ["scale", "mentor", "mentee"])
    let mentor = try #require(scale["mentor"] as? [String: Any])
    #expect(
      Set(mentor.keys) == ["score_from", "score_to", "change", "rci", "classification", "reason"])
    #expect(mentor["score_to"] is NSNull && mentor["classification"] as? String == "unknown")
    let summary = try #require((object["summary"] as? [[String: Any]])?.first)
    #expect(
      Set(summary.keys) == [
        "scale", "pairs", "both_improved", "only_mentee", "only_mentor", "neither", "unknown",
      ])
    let reliability = try #require((object["reliability"] as? [[String: Any]])?.first)
    #expect(
      Set(reliability.keys) == [
        "scale", "wave", "reliability", "reliability_source", "sd", "sem", "n", "reason",
      ])
  }
}
