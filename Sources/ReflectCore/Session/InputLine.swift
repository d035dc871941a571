/// One line as typed, cleaned and sorted into a command, an answer, or nothing.
///
/// The rules, the same for every question type:
/// - Surrounding white space is ignored, a carriage return from a CRLF file included.
/// - A tab inside the line counts as a space (it comes from pasting).
/// - Any other control character (an arrow key's escape sequence, a bell, a line
///   separator, a bidirectional override that could disguise the text in a report) and
///   U+FFFD (what the adapter puts where the input was not valid UTF-8) refuse the whole
///   line: stripping them would store something the person did not type.
/// - `?` alone is help. A colon followed by letters only is a command, matched
///   case-insensitively; any other line starting with a colon is an unknown command,
///   except in a free-text answer, where only `:letters` is taken as a command so that
///   an answer such as `:-) it went well` is kept as text.
struct InputLine {
  /// The commands of the runner.
  enum Command: Equatable {
    case back, skip, help, quit
  }

  /// What the line is.
  enum Reading: Equatable {
    case command(Command)
    case unknownCommand
    /// Nothing but white space.
    case empty
    /// An answer to parse: trimmed, tabs turned into spaces.
    case text(String)
    /// A line refused whatever the question, with the message to show.
    case refused(String)
  }

  /// Reads `line`; `isFreeText` is `true` for a reflection question.
  static func read(_ line: String, isFreeText: Bool = false) -> Reading {
    let trimmed = trim(line)
    var hasTab = false
    for scalar in trimmed.unicodeScalars {
      if scalar == "\t" {
        hasTab = true
      } else if scalar == "\u{FFFD}" {
        return .refused(SessionMessages.unreadable)
      } else if isRefusedControl(scalar) {
        return .refused(SessionMessages.controlCharacters)
      }
    }
    let text = hasTab ? String(trimmed.map { $0 == "\t" ? " " : $0 }) : trimmed
    if text.isEmpty { return .empty }
    if text == "?" { return .command(.help) }
    guard text.hasPrefix(":") else { return .text(text) }
    let name = text.utf8.dropFirst()
    let isWord =
      !name.isEmpty
      && name.allSatisfy { byte in
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
      }
    guard isWord else { return isFreeText ? .text(text) : .unknownCommand }
    switch String(text.dropFirst()).lowercased() {
    case "back", "b": return .command(.back)
    case "skip", "s": return .command(.skip)
    case "help", "h": return .command(.help)
    case "quit", "q": return .command(.quit)
    default: return .unknownCommand
    }
  }

  /// `line` without leading and trailing white space (Unicode's, so a no-break space
  /// or an ideographic space pasted around an answer is ignored too).
  static func trim(_ line: String) -> String {
    guard let first = line.firstIndex(where: { !$0.isWhitespace }),
      let last = line.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(line[first...last])
  }

  /// Control characters other than tab, the line and paragraph separators, and the
  /// bidirectional embedding, override and isolate controls.
  static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return scalar.properties.generalCategory == .control
    }
  }
}
