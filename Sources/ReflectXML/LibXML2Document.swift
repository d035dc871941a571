import CLibXML2
import ReflectCore

/// An error libxml2 reported, copied out of its C structure.
struct LibXML2Problem {
  var message: String
  var line: Int
  var column: Int
  /// The node the problem is about (schema validation), as an opaque address.
  var node: UnsafeMutableRawPointer?
  var isWarning: Bool
}

/// Collects libxml2's structured errors for one parse or validation; passed to the C
/// callbacks through their user-data pointer, so no global error handler is touched.
final class LibXML2ProblemCollector {
  var problems: [LibXML2Problem] = []
  var sawDocumentType = false

  func record(_ error: UnsafePointer<xmlError>) {
    let value = error.pointee
    guard value.level != XML_ERR_NONE else { return }
    let text = value.message.map { String(cString: $0) } ?? "unknown error"
    problems.append(
      LibXML2Problem(
        message: text.trimmingTrailingWhitespace(),
        line: Int(value.line),
        column: Int(value.int2),
        node: value.node,
        isWarning: value.level == XML_ERR_WARNING))
  }
}

/// The libxml2 side of loading: parse bytes safely, validate against the schema, and
/// convert the document into ``XMLElementNode`` values, freeing the C memory before
/// returning.
enum LibXML2Document {
  /// Options for untrusted input: no network, no entity substitution, no DTD
  /// loading, no XInclude, default size and depth limits (no `XML_PARSE_HUGE`).
  static let parseOptions = Int32(
    bitPattern: XML_PARSE_NONET.rawValue
      | XML_PARSE_NOCDATA.rawValue)

  struct Outcome {
    var root: XMLElementNode?
    var parseProblems: [LibXML2Problem]
    var schemaProblems: [(problem: LibXML2Problem, element: Int?)]
    var sawDocumentType: Bool
    /// Where start tags and attributes are; built only for a well-formed file.
    var index: SourceIndex?
  }

  static let initialise: Void = { xmlInitParser() }()

  /// Parses `bytes`; when the document is well formed, has the Reflect root and no
  /// DTD, validates it against the schema.
  static func load(
    bytes: [UInt8], url: String, expectedNamespace: String,
    schema: String
  ) -> Outcome {
    _ = initialise
    let collector = LibXML2ProblemCollector()
    guard let context = xmlNewParserCtxt() else {
      return Outcome(
        root: nil,
        parseProblems: [
          .init(message: "out of memory", line: 0, column: 0, node: nil, isWarning: false)
        ], schemaProblems: [], sawDocumentType: false, index: nil)
    }
    defer { xmlFreeParserCtxt(context) }
    context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
    context.pointee.sax.pointee.serror = parserErrorHandler
    context.pointee.sax.pointee.internalSubset = documentTypeHandler

    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          xmlCtxtReadMemory(context, $0, Int32(buffer.count), url, nil, parseOptions)
        }
      }
    }
    guard let document, !collector.sawDocumentType,
      !collector.problems.contains(where: { !$0.isWarning })
    else {
      if let document { xmlFreeDoc(document) }
      return Outcome(
        root: nil, parseProblems: collector.problems, schemaProblems: [],
        sawDocumentType: collector.sawDocumentType, index: nil)
    }
    defer { xmlFreeDoc(document) }

    let index = SourceIndex(bytes: bytes)
    var converter = TreeConverter(index: index)
    let root = xmlDocGetRootElement(document).map { converter.convert($0) }
    var outcome = Outcome(
      root: root, parseProblems: [], schemaProblems: [], sawDocumentType: false,
      index: index)
    guard let root, root.name == "instrument", root.namespace == expectedNamespace else {
      return outcome
    }
    outcome.schemaProblems = validate(document, schema: schema).map { problem in
      let element = problem.node.flatMap { converter.elementIndex[$0] }
      return (problem, element)
    }
    return outcome
  }

  private static func validate(_ document: xmlDocPtr, schema: String) -> [LibXML2Problem] {
    let collector = LibXML2ProblemCollector()
    let unmanaged = Unmanaged.passUnretained(collector).toOpaque()
    let compiled: xmlSchemaPtr? = schema.utf8CString.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress,
        let parser = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count - 1))
      else { return nil }
      defer { xmlSchemaFreeParserCtxt(parser) }
      xmlSchemaSetParserStructuredErrors(parser, collectorErrorHandler, unmanaged)
      return xmlSchemaParse(parser)
    }
    guard let compiled else {
      return collector.problems.isEmpty
        ? [
          .init(
            message: "the built-in schema did not compile", line: 0, column: 0, node: nil,
            isWarning: false)
        ]
        : collector.problems
    }
    defer { xmlSchemaFree(compiled) }
    guard let validator = xmlSchemaNewValidCtxt(compiled) else { return [] }
    defer { xmlSchemaFreeValidCtxt(validator) }
    xmlSchemaSetValidStructuredErrors(validator, collectorErrorHandler, unmanaged)
    _ = xmlSchemaValidateDoc(validator, document)
    return collector.problems.filter { !$0.isWarning }
  }
}

/// libxml2 passes the parser context as user data to a SAX structured-error handler.
private let parserErrorHandler: xmlStructuredErrorFunc = { userData, error in
  guard let userData, let error else { return }
  let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let collectorAddress = context.pointee._private else { return }
  Unmanaged<LibXML2ProblemCollector>.fromOpaque(collectorAddress).takeUnretainedValue()
    .record(error)
}

/// Schema parsing and validation pass the user data given to them: the collector.
private let collectorErrorHandler: xmlStructuredErrorFunc = { userData, error in
  guard let userData, let error else { return }
  Unmanaged<LibXML2ProblemCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
}

/// Called when the parser meets `<!DOCTYPE`: instruments have no use for a DTD, and
/// refusing it before its internal subset is read rules out entity expansion attacks
/// and external entities at the root.
private let documentTypeHandler: internalSubsetSAXFunc = { userData, _, _, _ in
  guard let userData else { return }
  let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
  if let collectorAddress = context.pointee._private {
    Unmanaged<LibXML2ProblemCollector>.fromOpaque(collectorAddress).takeUnretainedValue()
      .sawDocumentType = true
  }
  xmlStopParser(context)
}

/// Walks the libxml2 tree in document order, numbering elements as ``SourceIndex``
/// numbers start tags.
private struct TreeConverter {
  let index: SourceIndex
  var nextIndex = 0
  var elementIndex: [UnsafeMutableRawPointer: Int] = [:]

  mutating func convert(_ node: xmlNodePtr) -> XMLElementNode {
    let number = nextIndex
    nextIndex += 1
    elementIndex[UnsafeMutableRawPointer(node)] = number
    let tag = number < index.startTags.count ? index.startTags[number] : nil

    var attributes: [XMLAttributeNode] = []
    var property = node.pointee.properties
    while let attribute = property {
      let name = attribute.pointee.name.map { String(cString: $0) } ?? ""
      let namespace = attribute.pointee.ns?.pointee.href.map { String(cString: $0) }
      let prefix = attribute.pointee.ns?.pointee.prefix.map { String(cString: $0) }
      let qualified = prefix.map { "\($0):\(name)" } ?? name
      var value = ""
      var child = attribute.pointee.children
      while let text = child {
        if let content = text.pointee.content { value += String(cString: content) }
        child = text.pointee.next
      }
      let position = tag?.attributes.first { $0.qualifiedName == qualified }
      let fallback = SourceLocation(line: Int(xmlGetLineNo(node)), column: 1)
      attributes.append(
        XMLAttributeNode(
          name: name, namespace: namespace, value: value,
          location: position?.location ?? fallback,
          valueLocation: position?.valueLocation ?? fallback,
          rawValue: position?.rawValue ?? value))
      property = attribute.pointee.next
    }

    var children: [XMLElementNode] = []
    var text = ""
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        children.append(convert(current))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { text += String(cString: content) }
      default:
        break
      }
      child = current.pointee.next
    }

    return XMLElementNode(
      name: node.pointee.name.map { String(cString: $0) } ?? "",
      namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
      attributes: attributes,
      children: children,
      text: text.collapsingWhitespace(),
      location: tag?.location ?? SourceLocation(line: Int(xmlGetLineNo(node)), column: 1))
  }
}

extension String {
  /// Runs of spaces, tabs and line breaks become one space; ends are trimmed.
  func collapsingWhitespace() -> String {
    split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
      .joined(separator: " ")
  }

  func trimmingTrailingWhitespace() -> String {
    var result = self
    while let last = result.last, last.isWhitespace { result.removeLast() }
    return result
  }
}
