import ReflectCore

/// The positions of start tags and attributes in the bytes of a well-formed XML file.
///
/// libxml2 records a line for each node but no column, and only a line for schema
/// errors. Since libxml2 has already checked the file, a light scan over the bytes
/// can find every start tag in document order; the n-th start tag is the n-th element
/// of the tree, because the loader refuses DTDs and so no entity can add elements.
struct SourceIndex {
  struct Attribute {
    var qualifiedName: String
    var location: SourceLocation
    var valueLocation: SourceLocation
    var rawValue: String
  }

  struct StartTag {
    var location: SourceLocation
    var attributes: [Attribute]
  }

  private(set) var startTags: [StartTag] = []
  /// Where a `<!DOCTYPE` declaration starts, if the file has one.
  private(set) var documentTypeLocation: SourceLocation?

  init(bytes: [UInt8]) {
    var scanner = Scanner(bytes: bytes)
    while let byte = scanner.peek() {
      guard byte == UInt8(ascii: "<") else {
        scanner.advance()
        continue
      }
      if scanner.hasPrefix("<!--") {
        scanner.skip(past: "-->")
      } else if scanner.hasPrefix("<![CDATA[") {
        scanner.skip(past: "]]>")
      } else if scanner.hasPrefix("<?") {
        scanner.skip(past: "?>")
      } else if scanner.hasPrefix("<!DOCTYPE") {
        if documentTypeLocation == nil { documentTypeLocation = scanner.location }
        scanner.skip(past: ">")
      } else if scanner.hasPrefix("<!") || scanner.hasPrefix("</") {
        scanner.skip(past: ">")
      } else {
        startTags.append(scanner.scanStartTag())
      }
    }
  }
}

/// A cursor over UTF-8 bytes that keeps a 1-based line and column (columns count
/// characters, not bytes, as an editor shows them).
private struct Scanner {
  let bytes: [UInt8]
  var offset = 0
  var line = 1
  var column = 1

  init(bytes: [UInt8]) { self.bytes = bytes }

  var location: SourceLocation { SourceLocation(line: line, column: column) }

  func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

  func hasPrefix(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard offset + count <= bytes.count else { return false }
    return text.withUTF8Buffer { prefix in
      prefix.indices.allSatisfy { bytes[offset + $0] == prefix[$0] }
    }
  }

  mutating func advance() {
    guard offset < bytes.count else { return }
    let byte = bytes[offset]
    offset += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte == UInt8(ascii: "\r") {
      // XML treats "\r\n" and a lone "\r" as one line break.
      if peek() != UInt8(ascii: "\n") {
        line += 1
        column = 1
      }
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  mutating func skip(past terminator: StaticString) {
    while offset < bytes.count, !hasPrefix(terminator) { advance() }
    for _ in 0..<terminator.utf8CodeUnitCount { advance() }
  }

  mutating func skipWhitespace() {
    while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      advance()
    }
  }

  mutating func scanName() -> String {
    let start = offset
    while let byte = peek(), !Self.isNameTerminator(byte) { advance() }
    return String(decoding: bytes[start..<offset], as: UTF8.self)
  }

  static func isNameTerminator(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/"):
      true
    default: false
    }
  }

  mutating func scanStartTag() -> SourceIndex.StartTag {
    let tagLocation = location
    advance()  // "<"
    _ = scanName()
    var attributes: [SourceIndex.Attribute] = []
    while true {
      skipWhitespace()
      guard let byte = peek() else { break }
      if byte == UInt8(ascii: ">") {
        advance()
        break
      }
      if byte == UInt8(ascii: "/") {
        advance()
        continue
      }
      let nameLocation = location
      let name = scanName()
      skipWhitespace()
      if peek() == UInt8(ascii: "=") { advance() }
      skipWhitespace()
      guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
      else {
        // Not reachable for a well-formed file; stop rather than loop.
        advance()
        continue
      }
      advance()
      let valueLocation = location
      let valueStart = offset
      while let byte = peek(), byte != quote { advance() }
      let raw = String(decoding: bytes[valueStart..<offset], as: UTF8.self)
      advance()  // closing quote
      attributes.append(
        .init(
          qualifiedName: name, location: nameLocation, valueLocation: valueLocation,
          rawValue: raw))
    }
    return .init(location: tagLocation, attributes: attributes)
  }
}
