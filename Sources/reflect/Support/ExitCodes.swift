import ArgumentParser
import ReflectXML

extension InstrumentLoadError {
  /// Prints every diagnostic to standard error and returns the exit status for
  /// invalid input.
  func report() -> ExitCode {
    for diagnostic in diagnostics { Terminal.error(diagnostic.description) }
    return ExitCode(1)
  }
}
