import ReflectCore

/// An attribute of an ``XMLElementNode``, with where it is in the file.
struct XMLAttributeNode: Sendable {
  var name: String
  /// The attribute's namespace URI (`xml:lang` has the XML namespace); `nil` for plain ones.
  var namespace: String?
  var value: String
  /// Where the attribute's name starts.
  var location: SourceLocation
  /// Where the value starts (just after the opening quote), and the value as written,
  /// with entity references not yet decoded: used to place errors inside `show-if`.
  var valueLocation: SourceLocation
  var rawValue: String
}

/// A libxml2 element converted into a Swift value, so that the rules run on plain
/// values and the C document is freed as early as possible.
struct XMLElementNode: Sendable {
  var name: String
  var namespace: String?
  var attributes: [XMLAttributeNode]
  var children: [XMLElementNode]
  /// The element's own text, whitespace collapsed (runs of spaces and line breaks
  /// become one space; leading and trailing space is dropped).
  var text: String
  /// Where the start tag begins (its `<`).
  var location: SourceLocation

  static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

  /// The value of the plain (un-namespaced) attribute `name`.
  func attribute(_ name: String) -> XMLAttributeNode? {
    attributes.first { $0.name == name && $0.namespace == nil }
  }

  /// The `xml:lang` attribute, if present.
  var langAttribute: XMLAttributeNode? {
    attributes.first { $0.name == "lang" && $0.namespace == Self.xmlNamespace }
  }

  /// Children in the instrument namespace named `name`.
  func children(named name: String) -> [XMLElementNode] {
    children.filter { $0.name == name }
  }
}
