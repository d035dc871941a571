/// A JSON value built for writing, in the layout `JSONOutput` gives: keys sorted,
/// `"key" : value`, two spaces per level. Large documents are written element by
/// element (see ``writeArray(_:key:indent:last:to:)``), so no encoder holds them whole.
indirect enum JSONNode {
  /// A scalar, already JSON text (`"a"`, `4`, `null`, `true`).
  case scalar(String)
  case array([JSONNode])
  /// Members in the order given, which must be sorted by key (`JSONOutput`'s order).
  case object([(key: String, value: JSONNode)])

  static func string(_ value: String) -> JSONNode { .scalar(quoted(value)) }
  static func string(_ value: String?) -> JSONNode { .scalar(value.map(quoted) ?? "null") }
  static func number(_ value: Double?) -> JSONNode { .scalar(JSONText.number(value)) }
  static func integer(_ value: Int) -> JSONNode { .scalar(String(value)) }
  static func bool(_ value: Bool) -> JSONNode { .scalar(value ? "true" : "false") }

  /// Appends the value's text to `text`, its inner lines indented by `indent` and two
  /// spaces per level below.
  func render(indent: String, into text: inout String) {
    switch self {
    case .scalar(let scalar):
      text += scalar
    case .array(let elements):
      guard !elements.isEmpty else {
        text += "[]"
        return
      }
      let inner = indent + "  "
      text += "[\n"
      for (index, element) in elements.enumerated() {
        if index > 0 { text += ",\n" }
        text += inner
        element.render(indent: inner, into: &text)
      }
      text += "\n" + indent + "]"
    case .object(let members):
      guard !members.isEmpty else {
        text += "{}"
        return
      }
      let inner = indent + "  "
      text += "{\n"
      for (index, member) in members.enumerated() {
        if index > 0 { text += ",\n" }
        text += inner + quoted(member.key) + " : "
        member.value.render(indent: inner, into: &text)
      }
      text += "\n" + indent + "}"
    }
  }

  /// Writes an array member `"key" : [ … ]` of an object at `indent`, one element at a
  /// time through `output`; `last` leaves out the comma after it.
  static func writeArray(
    _ elements: some Sequence<JSONNode>, key: String, indent: String, last: Bool,
    to output: (String) -> Void
  ) {
    let inner = indent + "  "
    var first = true
    var piece = indent + quoted(key) + " : ["
    for element in elements {
      piece += first ? "\n" + inner : ",\n" + inner
      first = false
      element.render(indent: inner, into: &piece)
      output(piece)
      piece = ""
    }
    piece += first ? "]" : "\n" + indent + "]"
    output(piece + (last ? "\n" : ",\n"))
  }
}

/// `value` as a JSON string literal; most texts need no escaping and are copied whole.
private func quoted(_ value: String) -> String {
  let plain = value.utf8.allSatisfy {
    $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
  }
  return plain ? "\"" + value + "\"" : JSONText.string(value)
}
