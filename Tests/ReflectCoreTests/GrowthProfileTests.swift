import Foundation
import ReflectCore
import Testing

/// `reflect profile`: one person's waves in order, changes judged by RCI, trends.
@Suite("Growth: profile")
struct GrowthProfileTests {
  @Test("scores, changes, RCI and trends agree with the reference", arguments: ["r01", "r02"])
  func profileMatchesTheReference(_ respondent: String) throws {
    let reference = try GrowthReference.load()
    let expected = try #require(reference.profiles.first { $0.respondent == respondent })
    let profile = try GrowthData(reference.responses()).profile(of: respondent)
    #expect(profile.respondent == respondent && profile.instrument == "growth")
    #expect(profile.waves.map(\.wave) == expected.waves.map(\.wave))
    for (wave, wanted) in zip(profile.waves, expected.waves) {
      #expect(wave.date == wanted.date && wave.session == wanted.session)
      #expect(wave.scores.map(\.scale) == GrowthReference.order)
      for score in wave.scores {
        let value = try #require(wanted.scores[score.scale])
        expectClose(score.score, value.score, "\(wave.wave) \(score.scale)")
        expectClose(score.pomp, value.pomp, "\(wave.wave) pomp \(score.scale)")
        #expect(score.band == value.band, "\(wave.wave) band \(score.scale)")
      }
    }
    #expect(profile.changes.count == expected.changes.count)
    for (change, wanted) in zip(profile.changes, expected.changes) {
      let what = "\(change.scale) \(change.from)→\(change.to)"
      #expect([change.scale, change.from, change.to] == [wanted.scale, wanted.from, wanted.to])
      expectClose(change.change, wanted.change, "change \(what)")
      expectClose(change.rci, wanted.rci, "rci \(what)")
      #expect(change.classification.rawValue == wanted.classification, "class \(what)")
      #expect(change.reliabilitySource.rawValue == wanted.reliabilitySource, "source \(what)")
    }
    #expect(profile.trends.map(\.scale) == expected.trends.map(\.scale))
    for (trend, wanted) in zip(profile.trends, expected.trends) {
      #expect(trend.waves == 3)
      expectClose(trend.slopePerWave, wanted.slopePerWave, "slope \(trend.scale)")
    }
  }

  @Test("a trend over three waves is the least-squares slope per wave")
  func trendOverThreeWaves() throws {
    var responses = Responses(instrument: growthInstrument())
    appendSmall(&responses, "p", "pre", [2, 2, 2])
    appendSmall(&responses, "p", "post", [3, 3, 4])
    appendSmall(&responses, "p", "follow-up", [4, 4, 3])
    let profile = try GrowthData(responses).profile(of: "p")
    // Scores 2, 3.333…, 3.666…: scipy.stats.linregress([0, 1, 2], …).slope = 0.8333…
    let trend = try #require(profile.trends.first)
    #expect(trend.waves == 3)
    expectClose(trend.slopePerWave, 5.0 / 6.0, "slope")
    // Consecutive changes, then first against last.
    #expect(
      profile.changes.map { "\($0.from)→\($0.to)" } == [
        "pre→post", "post→follow-up", "pre→follow-up",
      ])
    #expect(profile.changesSincePreviousWave.map { "\($0.from)→\($0.to)" } == ["post→follow-up"])
  }

  /// Jacobson & Truax (1991), p. 14: pre 47.5, post 32.5, SD 7.5, reliability .80 give
  /// S_E = 3.354, S_diff = 4.74 and RC = −3.16.
  @Test("the Jacobson & Truax worked example, on both directions")
  func jacobsonTruax() throws {
    let published = try GrowthReference.load().jacobsonTruax
    let list = ChoiceList(
      id: "das",
      choices: ["0", "32.5", "47.5", "100"].map { Choice(value: $0, label: LocalizedText($0)) })
    let reference = Reference(sd: published.sd, reliability: published.reliability)
    let instrument = Instrument(
      id: "jt", version: "1", defaultLanguage: "en", title: LocalizedText("JT"),
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: [
            .question(
              Question(
                id: "das", kind: .rating(list), prompt: LocalizedText("DAS"), isRequired: true))
          ])
      ],
      scales: [
        Scale(
          id: "up", title: LocalizedText("Up"), direction: .higherIsBetter,
          items: [ScaleItem(questionID: "das")], reference: reference),
        Scale(
          id: "down", title: LocalizedText("Down"), direction: .lowerIsBetter,
          items: [ScaleItem(questionID: "das")], reference: reference),
      ])
    var responses = Responses(instrument: instrument)
    for (wave, value) in [("pre", published.pre), ("post", published.post)] {
      let row = responses.appendSession(
        SessionInfo(respondent: "jt", wave: wave, session: wave, instrumentID: "jt", version: "1"))
      responses.set(value, row: row, column: 0)
    }
    let data = GrowthData(responses)
    let estimate = try #require(data.reliability(at: "pre").first)
    #expect(estimate.source == .reference)
    expectClose(estimate.sem, published.sem, "S_E")
    expectClose(estimate.reliableChange?.standardErrorOfDifference, published.sDiff, "S_diff")
    #expect(rounded(estimate.sem, places: 3) == 3.354)
    #expect(rounded(estimate.reliableChange?.standardErrorOfDifference, places: 2) == 4.74)

    let profile = try data.profile(of: "jt")
    #expect(profile.changes.count == 2)
    for change in profile.changes {
      #expect(change.change == -15)
      expectClose(change.rci, published.rci, "RC")
      #expect(rounded(change.rci, places: 2) == -3.16)
      #expect(change.reliabilitySource == .reference && change.reliability == 0.8)
      #expect(change.scoreFrom == 47.5 && change.scoreTo == 32.5)
    }
    #expect(profile.changes.map(\.classification) == [.declined, .improved])
    #expect(profile.trends.isEmpty)
  }

  @Test("a person's waves follow their sessions' times, not their order in the data")
  func wavesOutOfDateOrder() throws {
    let reference = try GrowthReference.load()
    // r02's sessions are in the data as follow-up, post, pre.
    #expect(
      reference.sessions.filter { $0.respondent == "r02" }.map(\.wave)
        == ["follow-up", "post", "pre"])
    let timed = try GrowthData(reference.responses()).profile(of: "r02")
    #expect(timed.waves.map(\.wave) == ["pre", "post", "follow-up"])
    #expect(timed.waves.map(\.date) == reference.profiles[1].waves.map(\.date))
    // Without times, the order of first appearance is all there is.
    let untimed = try GrowthData(reference.responses(withTimes: false)).profile(of: "r02")
    #expect(untimed.waves.map(\.wave) == ["follow-up", "post", "pre"])
    #expect(untimed.waves.allSatisfy { $0.date == nil })
  }

  @Test("times with zone offsets are compared as moments")
  func zoneOffsets() throws {
    var responses = Responses(instrument: growthInstrument())
    // 01:00 at +02:00 is 23:00 UTC the day before: earlier than 23:30Z.
    appendSmall(&responses, "p", "b", [3, 3, 3], completedAt: "2025-02-28T23:30:00Z")
    appendSmall(&responses, "p", "a", [2, 2, 2], completedAt: "2025-03-01T01:00:00+02:00")
    appendSmall(&responses, "p", "c", [4, 4, 4], completedAt: "2025-03-01")
    let profile = try GrowthData(responses).profile(of: "p")
    #expect(profile.waves.map(\.wave) == ["a", "b", "c"])
  }

  @Test("of a person's sessions at one wave, the newest counts")
  func newestSessionCounts() throws {
    let reference = try GrowthReference.load()
    let data = GrowthData(reference.responses())
    #expect(data.supersededSessionCount == 2)
    // r05's retake is the later row; r07's later row is the older session.
    #expect(try data.profile(of: "r05").waves.first?.session == "r05-pre-2")
    #expect(try data.profile(of: "r07").waves.first?.session == "r07-pre-2")
    #expect(data.responses.count == reference.sessions.count - 2)
  }

  @Test("one wave gives scores only; a missing score gives an unknown change with the reason")
  func singleWaveAndMissingScores() throws {
    let reference = try GrowthReference.load()
    let data = GrowthData(reference.responses())
    let single = try data.profile(of: "r29")
    #expect(single.waves.map(\.wave) == ["post"])
    #expect(single.changes.isEmpty && single.trends.isEmpty)

    // r20 has no score on a at pre (an unanswered item).
    let r20 = try data.profile(of: "r20")
    let change = try #require(r20.changes.first { $0.scale == "a" })
    #expect(change.classification == .unknown && change.change == nil && change.rci == nil)
    #expect(change.reason == "no score at pre")
    #expect(change.reliabilitySource == .cohort)
  }

  @Test("an unknown respondent is an error that names them")
  func unknownRespondent() throws {
    let data = GrowthData(try GrowthReference.load().responses())
    #expect(
      throws: GrowthError(
        code: .unknownRespondent,
        message: "respondent 'nobody' has no session of 'growth'")
    ) {
      try data.profile(of: "nobody")
    }
  }

  @Test("the JSON is cli.md's profile shape, scores keyed by scale, nulls explicit")
  func jsonShape() throws {
    let profile = try GrowthData(try GrowthReference.load().responses()).profile(of: "r20")
    let data = try JSONEncoder().encode(profile)
    #expect(!String(decoding: data, as: UTF8.self).lowercased().contains("nan"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["respondent", "instrument", "waves", "changes", "trends"])
    #expect(object["respondent"] as? String == "r20" && object["instrument"] as? String == "growth")
    #expect((object["trends"] as? [Any])?.isEmpty == true)

    let wave = try #require((object["waves"] as? [[String: Any]])?.first)
    #expect(Set(wave.keys) == ["wave", "date", "session", "scores"])
    let scores = try #require(wave["scores"] as? [String: [String: Any]])
    #expect(Set(scores.keys) == ["a", "b", "c", "ab"])
    let missing = try #require(scores["a"])
    #expect(Set(missing.keys) == ["score", "pomp", "band"])
    #expect(missing.values.allSatisfy { $0 is NSNull })

    let change = try #require((object["changes"] as? [[String: Any]])?.first)
    #expect(
      Set(change.keys) == [
        "scale", "from", "to", "change", "rci", "classification", "score_from", "score_to",
        "reason", "reliability", "reliability_source", "sem",
      ])
    #expect(change["change"] is NSNull && change["rci"] is NSNull)
    #expect(change["classification"] as? String == "unknown")
    #expect(change["reason"] as? String == "no score at pre")
  }
}
