import Foundation
import ReflectCore

/// Turns libxml2's messages into ones that name the problem in the terms of the
/// instrument format and say what to change.
enum XMLMessages {
  static func parseMessage(_ message: String) -> String {
    let text = message.replacingOccurrences(of: "\n", with: " ")
    if text.hasPrefix("Start tag expected") || text.hasPrefix("Document is empty") {
      return
        "the file is not XML: expected a start tag such as <instrument xmlns=\"\(InstrumentSchema.namespace)\" …>"
    }
    if text.hasPrefix("Input is not proper UTF-8")
      || text.contains("invalid character in attribute")
      || text.hasPrefix("Char 0x") || text.contains("not proper UTF-8")
    {
      let bytes = text.range(of: "Bytes: ").map { String(text[$0.upperBound...]) }
      let detail = bytes.map { " (bytes \($0))" } ?? ""
      return "the file is not valid UTF-8\(detail); save it with UTF-8 encoding"
    }
    if text.hasPrefix("Excessive depth in document") {
      return
        "elements are nested more than 256 levels deep; an instrument needs only a few levels (instrument, section, question, prompt)"
    }
    if text.hasPrefix("Detected an entity reference loop") || text.contains("Entity '") {
      return "entity references are not allowed in instrument files: \(lowercasingFirst(text))"
    }
    return "the file is not well-formed XML: \(lowercasingFirst(text))"
  }

  /// Schema errors, placed at the element or attribute they are about.
  static func schemaDiagnostics(
    _ problems: [(problem: LibXML2Problem, element: Int?)], file: String, index: SourceIndex
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var reportedAttributes = Set<String>()
    for (problem, element) in problems {
      var location = SourceLocation(line: max(problem.line, 1), column: 1)
      var text = problem.message.replacingOccurrences(
        of: "{\(InstrumentSchema.namespace)}", with: "")
      text = text.replacingOccurrences(of: "\n", with: " ")
      let attribute = quoted(after: "attribute '", in: text)
      if let element, element < index.startTags.count {
        let tag = index.startTags[element]
        location = tag.location
        if let attribute,
          let position = tag.attributes.first(where: { $0.qualifiedName == attribute })
        {
          location = position.location
        }
      }
      // libxml2 reports a failed pattern twice (the facet, then the type): keep one.
      let key = "\(location.line):\(location.column):\(attribute ?? "")"
      if attribute != nil, text.contains("is not a valid value of the atomic type"),
        reportedAttributes.contains(key)
      {
        continue
      }
      if attribute != nil { reportedAttributes.insert(key) }
      diagnostics.append(
        Diagnostic(file: file, location: location, message: rewrite(text, attribute: attribute)))
    }
    return diagnostics
  }

  private static func rewrite(_ message: String, attribute: String?) -> String {
    let element = quoted(after: "Element '", in: message) ?? "element"
    // An element of a foreign namespace arrives as "{uri}name".
    if element.hasPrefix("{"), let close = element.firstIndex(of: "}") {
      let uri = String(element[element.index(after: element.startIndex)..<close])
      let local = String(element[element.index(after: close)...])
      return rewrite(message.replacingOccurrences(of: "{\(uri)}", with: ""), attribute: attribute)
        .replacingOccurrences(of: "<\(local)>", with: "<\(local)> (namespace \(uri))")
    }
    // Everything after "Element 'x': " or "Element 'x', attribute 'y': ".
    var detail = message
    if let range = message.range(of: "': ") {
      detail = String(message[range.upperBound...])
    }
    if detail.hasSuffix(".") { detail.removeLast() }

    if detail.hasPrefix("This element is not expected") {
      if let expected = parenthesised(after: "Expected is", in: detail) {
        return "<\(element)> is not allowed here; expected \(expected)"
      }
      if let suggestion = closestElementName(to: element) {
        return "<\(element)> is not allowed here; did you mean <\(suggestion)>?"
      }
      return
        "<\(element)> is not an element of the instrument format here; `reflect schema` lists them"
    }
    if detail.hasPrefix("Missing child element(s)") {
      let expected = parenthesised(after: "Expected is", in: detail) ?? "more content"
      return "<\(element)> is incomplete; expected \(expected)"
    }
    if detail.hasPrefix("The attribute '"), detail.hasSuffix("is required but missing") {
      let name = quoted(after: "The attribute '", in: detail) ?? "?"
      return "<\(element)> needs the attribute \(name)=\"…\""
    }
    if detail.hasPrefix("The attribute '"), detail.hasSuffix("is not allowed") {
      let name = attribute ?? quoted(after: "The attribute '", in: detail) ?? "?"
      return "<\(element)> has no attribute '\(name)'; remove it or check its spelling"
    }
    if let attribute {
      let value = quoted(after: "The value '", in: detail) ?? leadingQuoted(detail) ?? ""
      return
        "\(attribute)=\"\(value)\" on <\(element)> is not valid: \(expectation(detail, attribute: attribute))"
    }
    if detail.contains("Element content is not allowed") || detail.contains("Character content") {
      return "<\(element)> takes no text; \(lowercasingFirst(detail))"
    }
    return "<\(element)>: \(lowercasingFirst(detail))"
  }

  /// What a valid value of an attribute looks like.
  private static func expectation(_ detail: String, attribute: String) -> String {
    if detail.contains("'r:id'") || detail.contains("pattern '[a-z][a-z0-9_\\-]*'") {
      return
        "an id starts with a lowercase letter and uses only a-z, 0-9, '-' and '_' (at most 64 characters)"
    }
    if detail.contains("xs:boolean") { return "write true or false" }
    if detail.contains("xs:decimal") { return "write a number such as 2.5" }
    if detail.contains("xs:nonNegativeInteger") { return "write a whole number such as 3" }
    if detail.contains("xs:positiveInteger") { return "write a whole number of at least 1" }
    if detail.contains("minAnswered") || attribute == "min-answered" {
      return "write a count such as 3 or a proportion with a decimal point such as 0.75"
    }
    if detail.contains("r:method") || attribute == "method" { return "write mean or sum" }
    if detail.contains("r:direction") || attribute == "direction" {
      return "write higher-is-better or lower-is-better"
    }
    if detail.contains("r:version") || attribute == "version" {
      return "write a version without spaces, such as 1.2.0"
    }
    if detail.contains("r:showIf") { return "write a condition such as op01 >= 4" }
    if detail.contains("minLength") { return "it must not be empty" }
    return lowercasingFirst(detail)
  }

  private static func quoted(after marker: String, in text: String) -> String? {
    guard let start = text.range(of: marker) else { return nil }
    let rest = text[start.upperBound...]
    let body = marker.isEmpty ? rest.drop(while: { $0 != "'" }).dropFirst() : rest
    guard let end = body.firstIndex(of: "'") else { return nil }
    return String(body[..<end])
  }

  private static func leadingQuoted(_ text: String) -> String? {
    guard text.first == "'" else { return nil }
    let body = text.dropFirst()
    return body.firstIndex(of: "'").map { String(body[..<$0]) }
  }

  static let elementNames = [
    "instrument", "title", "description", "instructions", "choices", "choice", "section",
    "guidance", "rating", "select", "number", "reflection", "note", "prompt", "hint",
    "scoring", "scale", "item", "bands", "band", "feedback", "reference", "composite",
  ]

  /// The element of the format whose name is within two edits of `name`.
  static func closestElementName(to name: String) -> String? {
    let candidates = elementNames.map { ($0, editDistance(Array(name), Array($0))) }
      .filter { $0.1 <= 2 && $0.1 > 0 }
    return candidates.min { $0.1 < $1.1 }?.0
  }

  private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  private static func parenthesised(after marker: String, in text: String) -> String? {
    guard let start = text.range(of: marker) else { return nil }
    let rest = text[start.upperBound...]
    guard let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")") else {
      return nil
    }
    let names = rest[rest.index(after: open)..<close].split(separator: ",")
      .map { "<\($0.trimmingCharacters(in: .whitespaces))>" }
    switch names.count {
    case 0: return nil
    case 1: return names[0]
    default: return "one of " + names.joined(separator: ", ")
    }
  }

  static func lowercasingFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.lowercased() + text.dropFirst()
  }
}
