import CLibXML2

/// A problem libxml2 found while parsing a document, copied out of its C structure.
package struct MarkupProblem: Sendable, Hashable, CustomStringConvertible {
  /// libxml2's error code (`xmlParserErrors`), e.g. 801 for an HTML tag it does not know.
  package var code: Int
  package var line: Int
  package var column: Int
  package var message: String

  package var description: String { "\(line):\(column): \(message) (\(code))" }
}

/// Checks of generated markup with libxml2's parsers, for tests of the HTML reports: the
/// HTML parser's complaints about a whole page, and the XML parser's about a fragment
/// (each inline `<svg>` must be well-formed XML).
///
/// Neither check fetches anything (`NONET`, no entity loading).
package enum MarkupCheck {
  /// libxml2's HTML tag errors carry this code; its HTML parser predates HTML5, so tests
  /// decide which unknown tags (`svg`, `figure`, …) they accept.
  package static let unknownTagCode = 801

  /// Every error and warning the HTML parser reports for `html`.
  package static func htmlProblems(_ html: String) -> [MarkupProblem] {
    _ = LibXML2Document.initialise
    let collector = MarkupProblemCollector()
    guard let context = htmlNewParserCtxt() else {
      return [MarkupProblem(code: -1, line: 0, column: 0, message: "out of memory")]
    }
    defer { htmlFreeParserCtxt(context) }
    // The HTML parser's SAX handler is not a SAX2 one, so libxml2 ignores a structured
    // handler set on it and reports through the thread's handler instead: set that for
    // this parse only, and put it back.
    let unmanaged = Unmanaged.passUnretained(collector).toOpaque()
    xmlSetStructuredErrorFunc(unmanaged, markupErrorHandler)
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let options = Int32(bitPattern: HTML_PARSE_NONET.rawValue)
    let document = html.utf8CString.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        htmlCtxtReadMemory(context, base, Int32(buffer.count - 1), "report.html", "UTF-8", options)
      }
    }
    if let document {
      xmlFreeDoc(document)
    } else if collector.problems.isEmpty {
      collector.problems.append(
        MarkupProblem(code: -1, line: 0, column: 0, message: "the document could not be parsed"))
    }
    return collector.problems
  }

  /// Every error the XML parser reports for `xml`: empty when it is well-formed.
  package static func xmlProblems(_ xml: String) -> [MarkupProblem] {
    _ = LibXML2Document.initialise
    let collector = MarkupProblemCollector()
    guard let context = xmlNewParserCtxt() else {
      return [MarkupProblem(code: -1, line: 0, column: 0, message: "out of memory")]
    }
    defer { xmlFreeParserCtxt(context) }
    context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
    context.pointee.sax.pointee.serror = contextErrorHandler
    let options = Int32(bitPattern: XML_PARSE_NONET.rawValue)
    let document = xml.utf8CString.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        xmlCtxtReadMemory(context, base, Int32(buffer.count - 1), "fragment.xml", "UTF-8", options)
      }
    }
    if let document {
      xmlFreeDoc(document)
    } else if collector.problems.isEmpty {
      collector.problems.append(
        MarkupProblem(code: -1, line: 0, column: 0, message: "the fragment could not be parsed"))
    }
    return collector.problems
  }
}

/// Collects the problems of one parse; reached through the callbacks' user data.
private final class MarkupProblemCollector {
  var problems: [MarkupProblem] = []

  func record(_ error: UnsafePointer<xmlError>) {
    let value = error.pointee
    guard value.level != XML_ERR_NONE else { return }
    let text = value.message.map { String(cString: $0) } ?? "unknown error"
    problems.append(
      MarkupProblem(
        code: Int(value.code), line: Int(value.line), column: Int(value.int2),
        message: text.trimmingTrailingWhitespace()))
  }
}

/// The thread's structured handler gets the collector itself as user data.
private let markupErrorHandler: xmlStructuredErrorFunc = { userData, error in
  guard let userData, let error else { return }
  Unmanaged<MarkupProblemCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
}

/// A SAX2 parser passes its context as user data; the collector is in `_private`.
private let contextErrorHandler: xmlStructuredErrorFunc = { userData, error in
  guard let userData, let error else { return }
  let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
  guard let address = context.pointee._private else { return }
  Unmanaged<MarkupProblemCollector>.fromOpaque(address).takeUnretainedValue().record(error)
}
