/// The one-line messages the engine answers an unaccepted line with.
///
/// Each says what went wrong and what is accepted. None repeats the person's text:
/// the runner's output may end up in a log, and the line could be 10,000 characters.
/// The runner's own wording is English; instrument texts follow the session language.
enum SessionMessages {
  static let needsAnswer = "This question needs an answer; type :help for options."
  static let cannotSkip =
    "This question needs an answer, so it cannot be skipped; type :help for options."
  static let atFirstQuestion = "This is the first question; there is nothing to go back to."
  static let noQuestions = "There are no questions to go back to."
  static let nothingToSkip = "There are no more questions to skip."
  static let questionsDone =
    "There are no more questions. Answer Submit? with y or n, or type :back to review."
  static let unknownCommand =
    "That is not a command. The commands are :back (:b), :skip (:s), :help (:h or ?) "
    + "and :quit (:q)."
  static let controlCharacters =
    "That line contains control characters (perhaps from an arrow or function key); "
    + "type the answer again as plain text."
  static let unreadable =
    "Part of that line could not be read as text; type the answer again."
  static let submitReply =
    "Type y to submit your answers, or n to stop without submitting."

  /// The largest free-text answer, in characters: room for a few honest paragraphs,
  /// while a runaway paste is caught before it reaches the store.
  static let maximumTextLength = 2_000
  /// ``maximumTextLength`` as the runner writes it.
  static let maximumTextLengthText = "2,000"
  /// The largest free-text answer in Unicode scalars: it bounds what is stored for text
  /// whose characters carry long runs of combining marks.
  static let maximumTextScalars = 8_000
  static let tooLong =
    "That answer is longer than \(maximumTextLengthText) characters; please shorten it."

  // MARK: - Choices

  static let noMatch = "No option matches that answer."

  /// `There is no option 7.`; `nil` for digits too long to be a number.
  static func noSuchOption(_ number: Int?) -> String {
    guard let number else { return "There is no option with that number." }
    return "There is no option \(number)."
  }

  /// What a `rating` or single `select` accepts.
  static func singleChoiceAccepted(options: Int) -> String {
    switch options {
    case 0: "This question has no options to choose from."
    case 1: "Answer with 1 or the option's label."
    default: "Answer with a number from 1 to \(options) or an option's label."
    }
  }

  /// What a `select multiple` accepts.
  static func multipleChoiceAccepted(options: Int) -> String {
    "Answer with numbers from 1 to \(options) separated by commas or spaces, "
      + "or with labels separated by commas."
  }

  /// The options a prefix could mean, with their numbers, so the person can pick one.
  static func ambiguous(_ indices: [Int], in list: ChoiceList, language: String?) -> String {
    let candidates = indices.filter(list.choices.indices.contains).map { index in
      "\(index + 1) \(list.choices[index].label.text(in: language))"
    }
    return "More than one option starts that way: \(candidates.joined(separator: ", ")). "
      + "Type more of the label, or its number."
  }
}
