/// One assessment, as loaded from a definition file: its questions, the answers it
/// accepts, and how answers become scores.
///
/// An `Instrument` is a plain value. ReflectXML's loader makes one from a file and
/// guarantees the rules of the instrument format hold: ids are unique, every
/// reference resolves, `show-if` refers only to earlier questions.
public struct Instrument: Sendable, Hashable, Identifiable {
  public var id: String
  public var version: String
  /// The language every text has a variant in (`xml:lang` of the root).
  public var defaultLanguage: String
  public var title: LocalizedText
  public var description: LocalizedText?
  public var instructions: LocalizedText?
  public var choiceLists: [ChoiceList]
  public var sections: [Section]
  public var scales: [Scale]
  public var composites: [Composite]

  public init(
    id: String, version: String, defaultLanguage: String, title: LocalizedText,
    description: LocalizedText? = nil, instructions: LocalizedText? = nil,
    choiceLists: [ChoiceList] = [], sections: [Section], scales: [Scale] = [],
    composites: [Composite] = []
  ) {
    self.id = id
    self.version = version
    self.defaultLanguage = defaultLanguage
    self.title = title
    self.description = description
    self.instructions = instructions
    self.choiceLists = choiceLists
    self.sections = sections
    self.scales = scales
    self.composites = composites
  }

  /// Every question in definition order.
  public var questions: [Question] { sections.flatMap(\.questions) }

  /// The question with `id`: a scan that builds no array, since analyses ask for one
  /// question per answer.
  public func question(_ id: String) -> Question? {
    for section in sections {
      for case .question(let question) in section.elements where question.id == id {
        return question
      }
    }
    return nil
  }

  /// The scale with `id`.
  public func scale(_ id: String) -> Scale? { scales.first { $0.id == id } }

  /// Whether the instrument produces any score.
  public var isScored: Bool { !scales.isEmpty }

  /// The languages any text of the instrument is available in, default first.
  public var languages: [String] {
    var others = Set<String>()
    others.formUnion(title.languages)
    for section in sections {
      others.formUnion(section.title.languages)
      for question in section.questions { others.formUnion(question.prompt.languages) }
    }
    others.remove(defaultLanguage)
    return [defaultLanguage] + others.sorted()
  }
}
