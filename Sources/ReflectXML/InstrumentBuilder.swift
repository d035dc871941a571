import ReflectCore

/// Builds an ``Instrument`` from a schema-checked element tree and enforces the rules
/// of the format that the schema cannot express.
///
/// It is tolerant of what the schema already reports (a missing attribute is skipped,
/// not reported again), so that one run shows every problem of a file.
struct InstrumentBuilder {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  private var defaultLanguage = "en"
  /// Every id seen so far, with where and what it named.
  private var ids: [String: (location: SourceLocation, kind: String)] = [:]
  private var choiceLists: [String: ChoiceList] = [:]
  /// Questions in file order, for `show-if` references.
  private var questionOrder: [String: Int] = [:]
  private var questions: [String: Question] = [:]
  private var ratingChoiceLists = Set<String>()

  static let reservedWords: Set<String> = ["and", "or", "not", "answered"]

  init(file: String) { self.file = file }

  mutating func build(_ root: XMLElementNode) -> Instrument? {
    if let lang = root.langAttribute {
      if checkLanguageCode(lang) { defaultLanguage = lang.value }
    } else {
      error(
        at: root.location,
        "<instrument> needs xml:lang, the language every text has a variant in, e.g. xml:lang=\"en\""
      )
    }
    checkLanguageAttributes(root)
    // The instrument's own id is not a column name, so it may equal a composite's.
    let id = root.attribute("id")?.value ?? ""

    for element in root.children(named: "choices") {
      if let list = buildChoices(element) { choiceLists[list.id] = list }
    }
    var sections: [Section] = []
    for element in root.children(named: "section") {
      sections.append(buildSection(element))
    }
    var scales: [Scale] = []
    var composites: [Composite] = []
    if let scoring = root.children(named: "scoring").first {
      for element in scoring.children(named: "scale") {
        if let scale = buildScale(element) { scales.append(scale) }
      }
      for element in scoring.children(named: "composite") {
        if let composite = buildComposite(element, scales: scales) {
          composites.append(composite)
        }
      }
    }

    finish()
    let title = text(root, "title")
    guard let title, !diagnostics.hasErrors else { return nil }
    return Instrument(
      id: id, version: root.attribute("version")?.value ?? "",
      defaultLanguage: defaultLanguage, title: title,
      description: text(root, "description"), instructions: text(root, "instructions"),
      choiceLists: root.children(named: "choices").compactMap {
        $0.attribute("id").flatMap { choiceLists[$0.value] }
      },
      sections: sections, scales: scales, composites: composites)
  }

  // MARK: - Choices

  private mutating func buildChoices(_ element: XMLElementNode) -> ChoiceList? {
    guard let idAttribute = element.attribute("id") else { return nil }
    register(idAttribute, kind: "a choices list")
    var choices: [Choice] = []
    var positions: [String: Int] = [:]
    var translated: [String: Set<String>] = [:]
    for option in element.children(named: "choice") {
      guard let value = option.attribute("value")?.value else { continue }
      let language = option.langAttribute?.value
      if let language, language != defaultLanguage {
        guard let position = positions[value] else {
          error(
            at: option.location,
            "choice '\(value)' in language '\(language)' has no variant in the default language '\(defaultLanguage)'; list the option without xml:lang first, then its translations"
          )
          continue
        }
        if !translated[value, default: []].insert(language).inserted {
          error(
            at: option.location,
            "choice '\(value)' has a second label in language '\(language)'; give each language one label"
          )
        }
        choices[position].label.translations[language] = option.text
        continue
      }
      if positions[value] != nil {
        error(
          at: option.attribute("value")?.location ?? option.location,
          "choices '\(idAttribute.value)' has the value '\(value)' twice; each option needs its own value"
        )
        continue
      }
      if option.text.isEmpty {
        error(
          at: option.location,
          "choice '\(value)' has no label; write the option's text inside <choice>")
      }
      positions[value] = choices.count
      choices.append(
        Choice(
          value: value, label: LocalizedText(option.text),
          isMissing: option.attribute("missing").map { isTrue($0.value) } ?? false))
    }
    return ChoiceList(id: idAttribute.value, choices: choices)
  }

  // MARK: - Sections and questions

  private mutating func buildSection(_ element: XMLElementNode) -> Section {
    let idAttribute = element.attribute("id")
    if let idAttribute { register(idAttribute, kind: "a section") }
    let showIf = element.attribute("show-if").flatMap { parseCondition($0, owner: nil) }
    var elements: [Section.Element] = []
    for child in element.children {
      switch child.name {
      case "note":
        let language = child.langAttribute?.value ?? defaultLanguage
        if language == defaultLanguage {
          elements.append(.note(LocalizedText(child.text)))
        } else if case .note(var text)? = elements.last {
          // A note in another language translates the note right before it.
          text.translations[language] = child.text
          elements[elements.count - 1] = .note(text)
        } else {
          error(
            at: child.location,
            "this <note> in language '\(language)' does not follow a note in the default language '\(defaultLanguage)'; put a translation right after the note it translates"
          )
        }
      case "rating", "select", "number", "reflection":
        if let question = buildQuestion(child) { elements.append(.question(question)) }
      default:
        break
      }
    }
    return Section(
      id: idAttribute?.value ?? "", title: text(element, "title") ?? LocalizedText(""),
      guidance: text(element, "guidance"), showIf: showIf, elements: elements)
  }

  private mutating func buildQuestion(_ element: XMLElementNode) -> Question? {
    guard let idAttribute = element.attribute("id") else { return nil }
    let id = idAttribute.value
    let isFirstUse = register(idAttribute, kind: "a \(element.name) question")
    let showIf = element.attribute("show-if").flatMap { parseCondition($0, owner: id) }
    let requiredByDefault = element.name != "reflection"
    let isRequired = element.attribute("required").map { isTrue($0.value) } ?? requiredByDefault

    let kind: Question.Kind
    switch element.name {
    case "rating":
      guard let list = resolveChoices(element) else { return nil }
      // Report a list's problem once, at the first rating that uses it.
      let isFirstRatingOfList = ratingChoiceLists.insert(list.id).inserted
      for choice in list.choices
      where isFirstRatingOfList && !choice.isMissing && choice.numericValue == nil {
        error(
          at: element.attribute("choices")?.valueLocation ?? element.location,
          "rating '\(id)' uses choices '\(list.id)', whose option '\(choice.value)' is not a number; give every option of a rating a numeric value, or mark it missing=\"true\""
        )
        break
      }
      if isFirstRatingOfList, list.numericRange == nil, !list.choices.isEmpty,
        list.choices.allSatisfy({ $0.isMissing })
      {
        error(
          at: element.location,
          "rating '\(id)' uses choices '\(list.id)', whose options are all missing; a rating needs at least one scored option"
        )
      }
      kind = .rating(list)
    case "select":
      guard let list = resolveChoices(element) else { return nil }
      let multiple = element.attribute("multiple").map { isTrue($0.value) } ?? false
      let minimum = element.attribute("min").flatMap { Int($0.value) }
      let maximum = element.attribute("max").flatMap { Int($0.value) }
      if !multiple, let attribute = element.attribute("min") ?? element.attribute("max") {
        error(
          at: attribute.location,
          "\(attribute.name) counts the options a person may choose, so it needs multiple=\"true\" on select '\(id)'"
        )
      }
      if let minimum, let maximum, minimum > maximum {
        error(
          at: element.attribute("min")?.location ?? element.location,
          "select '\(id)' has min=\"\(minimum)\" above max=\"\(maximum)\"; min must not exceed max"
        )
      }
      if let limit = maximum ?? minimum, limit > list.choices.count {
        error(
          at: (element.attribute("max") ?? element.attribute("min"))?.location ?? element.location,
          "select '\(id)' allows \(limit) options but choices '\(list.id)' has only \(list.choices.count)"
        )
      }
      kind = .select(list, multiple: multiple, minCount: minimum, maxCount: maximum)
    case "number":
      let minimum = element.attribute("min").flatMap { Double($0.value) }
      let maximum = element.attribute("max").flatMap { Double($0.value) }
      if let minimum, let maximum, minimum > maximum {
        error(
          at: element.attribute("min")?.location ?? element.location,
          "number '\(id)' has min=\"\(format(minimum))\" above max=\"\(format(maximum))\"; min must not exceed max"
        )
      }
      kind = .number(
        min: minimum, max: maximum,
        integer: element.attribute("integer").map { isTrue($0.value) } ?? false)
    default:
      kind = .reflection
    }
    guard let prompt = text(element, "prompt") else { return nil }
    let question = Question(
      id: id, kind: kind, prompt: prompt, hint: text(element, "hint"), isRequired: isRequired,
      showIf: showIf)
    if isFirstUse {
      questionOrder[id] = questionOrder.count
      questions[id] = question
    }
    return question
  }

  private mutating func resolveChoices(_ element: XMLElementNode) -> ChoiceList? {
    guard let attribute = element.attribute("choices") else { return nil }
    if let list = choiceLists[attribute.value] { return list }
    let known = choiceLists.keys.sorted()
    let hint =
      known.isEmpty
      ? "define <choices id=\"\(attribute.value)\"> before the first section"
      : "define it, or use one of: \(known.joined(separator: ", "))"
    error(at: attribute.valueLocation, "choices '\(attribute.value)' is not defined; \(hint)")
    return nil
  }

  // MARK: - show-if

  /// Parses a condition and checks that it refers only to questions asked before
  /// `owner` (the question it belongs to; `nil` for a section).
  private mutating func parseCondition(
    _ attribute: XMLAttributeNode, owner: String?
  )
    -> Expression?
  {
    let parsed: (Expression, [ExpressionReference])
    do {
      parsed = try Expression.parseWithReferences(attribute.value)
    } catch {
      self.error(
        at: position(in: attribute, offset: error.offset), "show-if: \(error.message)")
      return nil
    }
    var valid = true
    for reference in parsed.1 {
      let location = position(in: attribute, offset: reference.offset)
      if reference.id == owner {
        error(
          at: location,
          "show-if of '\(reference.id)' refers to the question itself; a condition may only use questions asked before it"
        )
        valid = false
      } else if questionOrder[reference.id] != nil {
        continue
      } else if let known = ids[reference.id] {
        let what =
          known.kind.hasSuffix("question")
          ? "comes later in the file" : "is \(known.kind), not a question"
        error(
          at: location,
          "show-if refers to '\(reference.id)', which \(what); a condition may only use questions asked before it"
        )
        valid = false
      } else {
        forwardCandidates.append((reference.id, location))
        valid = false
      }
    }
    return valid ? parsed.0 : nil
  }

  /// References to ids not seen yet: forward references or unknown ids, told apart
  /// once the whole file is read.
  private var forwardCandidates: [(id: String, location: SourceLocation)] = []

  /// The location of the scalar at `offset` in an attribute's decoded value, found by
  /// walking the value as written (entity references such as `&gt;` are one scalar).
  private func position(in attribute: XMLAttributeNode, offset: Int) -> SourceLocation {
    var column = attribute.valueLocation.column
    var line = attribute.valueLocation.line
    var decoded = 0
    var scalars = attribute.rawValue.unicodeScalars[...]
    while decoded < offset, let scalar = scalars.first {
      if scalar == "&", let end = scalars.firstIndex(of: ";") {
        let length = scalars.distance(from: scalars.startIndex, to: end) + 1
        column += length
        scalars = scalars[scalars.index(after: end)...]
      } else {
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
        scalars = scalars.dropFirst()
      }
      decoded += 1
    }
    return SourceLocation(line: line, column: column)
  }

  // MARK: - Scoring

  private mutating func buildScale(_ element: XMLElementNode) -> Scale? {
    guard let idAttribute = element.attribute("id") else { return nil }
    let id = idAttribute.value
    register(idAttribute, kind: "a scale")
    var items: [ScaleItem] = []
    var listed = Set<String>()
    for item in element.children(named: "item") {
      guard let reference = item.attribute("ref") else { continue }
      let reversed = item.attribute("reverse").map { isTrue($0.value) } ?? false
      let weight = item.attribute("weight").flatMap { Double($0.value) } ?? 1
      if !listed.insert(reference.value).inserted {
        error(
          at: reference.valueLocation,
          "scale '\(id)' lists item '\(reference.value)' twice; list each item once (use weight to count it more)"
        )
        continue
      }
      if weight <= 0, let attribute = item.attribute("weight") {
        error(
          at: attribute.location,
          "weight=\"\(attribute.value)\" on item '\(reference.value)' must be greater than 0")
      }
      guard let question = questions[reference.value] else {
        let what =
          ids[reference.value].map { "is \($0.kind)" } ?? "is not a question in this instrument"
        error(
          at: reference.valueLocation,
          "item refers to '\(reference.value)', which \(what); scale items must be rating questions"
        )
        continue
      }
      guard case .rating(let list) = question.kind else {
        error(
          at: reference.valueLocation,
          "item refers to '\(reference.value)', a \(question.typeName) question; scale items must be rating questions"
        )
        continue
      }
      if reversed, list.numericRange == nil {
        error(
          at: item.attribute("reverse")?.location ?? item.location,
          "item '\(reference.value)' is reverse-keyed, but its choices '\(list.id)' have no numeric values to reverse"
        )
      }
      items.append(ScaleItem(questionID: reference.value, isReversed: reversed, weight: weight))
    }
    let minAnswered = element.attribute("min-answered").flatMap {
      parseMinAnswered($0, scale: id, itemCount: element.children(named: "item").count)
    }
    return Scale(
      id: id, title: text(element, "title") ?? LocalizedText(id),
      method: method(element), minAnswered: minAnswered ?? .all,
      direction: direction(element), items: items, bands: buildBands(element),
      reference: buildReference(element))
  }

  private mutating func parseMinAnswered(
    _ attribute: XMLAttributeNode, scale: String, itemCount: Int
  ) -> MinAnswered? {
    let value = attribute.value
    if value.contains(".") {
      guard let share = Double(value), share > 0, share <= 1 else {
        error(
          at: attribute.location,
          "min-answered=\"\(value)\" on scale '\(scale)' is not a proportion in (0, 1]; write a proportion such as 0.75 or a count such as 3"
        )
        return nil
      }
      return .proportion(share)
    }
    guard let count = Int(value), count >= 1, count <= itemCount else {
      error(
        at: attribute.location,
        "min-answered=\"\(value)\" on scale '\(scale)' must be a count from 1 to its \(itemCount) item\(itemCount == 1 ? "" : "s"), or a proportion such as 0.75"
      )
      return nil
    }
    return .count(count)
  }

  private mutating func buildComposite(
    _ element: XMLElementNode, scales: [Scale]
  )
    -> Composite?
  {
    guard let idAttribute = element.attribute("id") else { return nil }
    let id = idAttribute.value
    register(idAttribute, kind: "a composite")
    var scaleIDs: [String] = []
    for part in element.children(named: "scale") {
      guard let reference = part.attribute("ref") else { continue }
      let target = reference.value
      if target == id {
        error(
          at: reference.valueLocation,
          "composite '\(id)' refers to itself; a composite combines scales")
      } else if scales.contains(where: { $0.id == target }) {
        if scaleIDs.contains(target) {
          error(
            at: reference.valueLocation,
            "composite '\(id)' lists scale '\(target)' twice; list each scale once")
        } else {
          scaleIDs.append(target)
        }
      } else if let known = ids[target], known.kind == "a composite" {
        error(
          at: reference.valueLocation,
          "composite '\(id)' refers to composite '\(target)'; a composite combines scales, not other composites"
        )
      } else {
        compositeCandidates.append((id, target, reference.valueLocation))
      }
    }
    return Composite(
      id: id, title: text(element, "title") ?? LocalizedText(id), method: method(element),
      direction: direction(element), scaleIDs: scaleIDs, bands: buildBands(element),
      reference: buildReference(element))
  }

  /// Composite references to ids not (yet) known: a later composite or nothing.
  private var compositeCandidates: [(composite: String, target: String, location: SourceLocation)] =
    []

  private mutating func buildBands(_ element: XMLElementNode) -> [Band] {
    guard let container = element.children(named: "bands").first else { return [] }
    let elements = container.children(named: "band")
    var bands: [Band] = []
    var previous: Double?
    for (position, band) in elements.enumerated() {
      let label = band.attribute("label")?.value ?? ""
      let isLast = position == elements.count - 1
      let below = band.attribute("below").flatMap { Double($0.value) }
      if let below, let attribute = band.attribute("below") {
        if isLast {
          error(
            at: attribute.location,
            "the last band '\(label)' has below=\"\(attribute.value)\"; the final band must be open (remove below) so that every score has a band"
          )
        } else if let previous, below <= previous {
          error(
            at: attribute.location,
            "band '\(label)' has below=\"\(attribute.value)\", not above the previous band's \(format(previous)); order bands by strictly increasing below"
          )
        }
        previous = below
      } else if !isLast {
        error(
          at: band.location,
          "band '\(label)' has no below but is not the last band; only the final band is open")
      }
      bands.append(Band(below: below, label: label, feedback: text(band, "feedback")))
    }
    return bands
  }

  private func buildReference(_ element: XMLElementNode) -> Reference? {
    guard let reference = element.children(named: "reference").first else { return nil }
    return Reference(
      mean: reference.attribute("mean").flatMap { Double($0.value) },
      sd: reference.attribute("sd").flatMap { Double($0.value) },
      reliability: reference.attribute("reliability").flatMap { Double($0.value) },
      n: reference.attribute("n").flatMap { Int($0.value) },
      source: reference.attribute("source")?.value)
  }

  private func method(_ element: XMLElementNode) -> ScoringMethod {
    element.attribute("method").flatMap { ScoringMethod(rawValue: $0.value) } ?? .mean
  }

  private func direction(_ element: XMLElementNode) -> ScoreDirection {
    element.attribute("direction").flatMap { ScoreDirection(rawValue: $0.value) }
      ?? .higherIsBetter
  }

  // MARK: - Texts and languages

  /// The `name` children of `element` as one localized text; reports a missing
  /// default-language variant and duplicate languages.
  private mutating func text(_ element: XMLElementNode, _ name: String) -> LocalizedText? {
    let variants = element.children(named: name)
    guard let first = variants.first else { return nil }
    var defaultText: String?
    var translations: [String: String] = [:]
    for variant in variants {
      let language = variant.langAttribute?.value ?? defaultLanguage
      if language == defaultLanguage {
        if defaultText != nil {
          error(
            at: variant.location,
            "a second <\(name)> in the default language '\(defaultLanguage)'; give each language one <\(name)>, marking translations with xml:lang"
          )
        }
        defaultText = variant.text
      } else if translations.updateValue(variant.text, forKey: language) != nil {
        error(
          at: variant.location,
          "a second <\(name)> in language '\(language)'; give each language one <\(name)>")
      }
    }
    guard let defaultText else {
      error(
        at: first.location,
        "<\(name)> has no variant in the default language '\(defaultLanguage)'; add a <\(name)> without xml:lang"
      )
      return nil
    }
    if defaultText.isEmpty {
      error(at: first.location, "<\(name)> is empty; write its text between the tags")
    }
    return LocalizedText(defaultText, translations: translations)
  }

  /// Every `xml:lang` in the file must be a language code.
  private mutating func checkLanguageAttributes(_ element: XMLElementNode) {
    for child in element.children {
      if let lang = child.langAttribute { _ = checkLanguageCode(lang) }
      checkLanguageAttributes(child)
    }
  }

  private mutating func checkLanguageCode(_ attribute: XMLAttributeNode) -> Bool {
    let parts = attribute.value.split(separator: "-", omittingEmptySubsequences: false)
    let valid =
      !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.count <= 8 }
      && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
      && parts.dropFirst().allSatisfy {
        $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
      }
    if !valid {
      error(
        at: attribute.valueLocation,
        "xml:lang=\"\(attribute.value)\" is not a language code; use a code such as en, de or fr-CH"
      )
    }
    return valid
  }

  // MARK: - Ids

  /// Records an id; reports duplicates and reserved words. Returns whether it is new.
  @discardableResult
  private mutating func register(_ attribute: XMLAttributeNode, kind: String) -> Bool {
    let id = attribute.value
    if Self.reservedWords.contains(id) {
      error(
        at: attribute.valueLocation,
        "'\(id)' is a reserved word of show-if conditions and cannot be an id; choose another id"
      )
    }
    if let first = ids[id] {
      error(
        at: attribute.valueLocation,
        "duplicate id '\(id)', already used by \(first.kind) at line \(first.location.line), column \(first.location.column); ids must be unique across the instrument (they become column names in exports)"
      )
      return false
    }
    ids[id] = (attribute.valueLocation, kind)
    return true
  }

  /// Reports what could only be told apart after the whole file was read.
  private mutating func finish() {
    for candidate in forwardCandidates {
      let message =
        ids[candidate.id].map { known in
          known.kind.hasSuffix("question")
            ? "show-if refers to '\(candidate.id)', which comes later in the file; a condition may only use questions asked before it"
            : "show-if refers to '\(candidate.id)', which is \(known.kind), not a question"
        } ?? "show-if refers to '\(candidate.id)', which is not a question in this instrument"
      error(at: candidate.location, message)
    }
    for candidate in compositeCandidates {
      let message =
        ids[candidate.target].map { known in
          known.kind == "a composite"
            ? "composite '\(candidate.composite)' refers to composite '\(candidate.target)'; a composite combines scales, not other composites"
            : "composite '\(candidate.composite)' refers to '\(candidate.target)', which is \(known.kind), not a scale"
        }
        ?? "composite '\(candidate.composite)' refers to '\(candidate.target)', which is not a scale of this instrument"
      error(at: candidate.location, message)
    }
    forwardCandidates = []
    compositeCandidates = []
  }

  // MARK: - Helpers

  private mutating func error(at location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(file: file, location: location, message: message))
  }

  private func isTrue(_ value: String) -> Bool { value == "true" || value == "1" }

  private func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
