import ReflectCore

extension InstrumentOutline {
  /// `reflect list --format json`: an array of `{id, version, title, questions, scales, file}`.
  public static func listingJSON(_ instruments: [(instrument: Instrument, file: String)]) -> String
  {
    JSONOutput.render(
      instruments.map {
        ListEntry(
          id: $0.instrument.id, version: $0.instrument.version,
          title: $0.instrument.title.defaultText, questions: $0.instrument.questions.count,
          scales: $0.instrument.scales.count, file: $0.file)
      })
  }

  /// `reflect show --format json`: the outline as one object.
  public static func json(_ instrument: Instrument, language: String? = nil) -> String {
    JSONOutput.render(OutlineShape(instrument, language: language))
  }
}

private struct ListEntry: Encodable {
  var id: String
  var version: String
  var title: String
  var questions: Int
  var scales: Int
  var file: String
}

private struct OutlineShape: Encodable {
  struct ChoiceShape: Encodable {
    var value: String
    var label: String
    var missing: Bool
  }
  struct ChoicesShape: Encodable {
    var id: String
    var choices: [ChoiceShape]
  }
  struct QuestionShape: Encodable {
    var id: String
    var type: String
    var prompt: String
    var hint: String?
    var required: Bool
    var showIf: String?
    var choices: String?
    var min: Double?
    var max: Double?
    var integer: Bool?

    enum CodingKeys: String, CodingKey {
      case id, type, prompt, hint, required, choices, min, max, integer
      case showIf = "show_if"
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(type, forKey: .type)
      try container.encode(prompt, forKey: .prompt)
      try container.encodeNullable(hint, forKey: .hint)
      try container.encode(required, forKey: .required)
      try container.encodeNullable(showIf, forKey: .showIf)
      try container.encodeIfPresent(choices, forKey: .choices)
      try container.encodeIfPresent(min, forKey: .min)
      try container.encodeIfPresent(max, forKey: .max)
      try container.encodeIfPresent(integer, forKey: .integer)
    }
  }
  struct SectionShape: Encodable {
    var id: String
    var title: String
    var showIf: String?
    var questions: [QuestionShape]

    enum CodingKeys: String, CodingKey {
      case id, title, questions
      case showIf = "show_if"
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(title, forKey: .title)
      try container.encodeNullable(showIf, forKey: .showIf)
      try container.encode(questions, forKey: .questions)
    }
  }
  struct ItemShape: Encodable {
    var item: String
    var reverse: Bool
    var weight: Double
  }
  struct BandShape: Encodable {
    var below: Double?
    var label: String

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encodeNullable(below, forKey: .below)
      try container.encode(label, forKey: .label)
    }
    enum CodingKeys: String, CodingKey { case below, label }
  }
  struct ScaleShape: Encodable {
    var id: String
    var title: String
    var kind: String
    var method: String
    var direction: String
    var minAnswered: Int?
    var items: [ItemShape]?
    var scales: [String]?
    var bands: [BandShape]

    enum CodingKeys: String, CodingKey {
      case id, title, kind, method, direction, items, scales, bands
      case minAnswered = "min_answered"
    }
  }

  var id: String
  var version: String
  var title: String
  var language: String
  var languages: [String]
  var description: String?
  var instructions: String?
  var choices: [ChoicesShape]
  var sections: [SectionShape]
  var scales: [ScaleShape]

  init(_ instrument: Instrument, language: String?) {
    func t(_ text: LocalizedText) -> String { text.text(in: language) }
    id = instrument.id
    version = instrument.version
    title = t(instrument.title)
    self.language = instrument.defaultLanguage
    languages = instrument.languages
    description = instrument.description.map(t)
    instructions = instrument.instructions.map(t)
    choices = instrument.choiceLists.map { list in
      ChoicesShape(
        id: list.id,
        choices: list.choices.map {
          ChoiceShape(value: $0.value, label: t($0.label), missing: $0.isMissing)
        })
    }
    sections = instrument.sections.map { section in
      SectionShape(
        id: section.id, title: t(section.title), showIf: section.showIf.map { "\($0)" },
        questions: section.questions.map { question in
          var shape = QuestionShape(
            id: question.id, type: question.typeName, prompt: t(question.prompt),
            hint: question.hint.map(t), required: question.isRequired,
            showIf: question.showIf.map { "\($0)" })
          shape.choices = question.choices?.id
          if case .number(let low, let high, let integer) = question.kind {
            shape.min = low
            shape.max = high
            shape.integer = integer
          }
          return shape
        })
    }
    scales =
      instrument.scales.map { scale in
        ScaleShape(
          id: scale.id, title: t(scale.title), kind: "scale", method: scale.method.rawValue,
          direction: scale.direction.rawValue,
          minAnswered: scale.minAnswered.required(outOf: scale.items.count),
          items: scale.items.map {
            ItemShape(item: $0.questionID, reverse: $0.isReversed, weight: $0.weight)
          },
          scales: nil,
          bands: scale.bands.map { BandShape(below: $0.below, label: $0.label) })
      }
      + instrument.composites.map { composite in
        ScaleShape(
          id: composite.id, title: t(composite.title), kind: "composite",
          method: composite.method.rawValue, direction: composite.direction.rawValue,
          minAnswered: nil, items: nil, scales: composite.scaleIDs,
          bands: composite.bands.map { BandShape(below: $0.below, label: $0.label) })
      }
  }
}
