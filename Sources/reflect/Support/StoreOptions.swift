import ArgumentParser
import Foundation
import ReflectStore

/// Which store a command uses.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The SQLite store (env REFLECT_STORE; default reflect.sqlite here).", valueName: "path"))
  var path: String?

  var resolvedPath: String {
    path ?? ProcessInfo.processInfo.environment["REFLECT_STORE"] ?? "reflect.sqlite"
  }

  /// Opens the store; prints why and exits with status 1 when it can't.
  func open() throws -> ReflectStore {
    do {
      return try ReflectStore(path: resolvedPath)
    } catch {
      Terminal.error("\(resolvedPath): error: \(error.message)")
      throw ExitCode(1)
    }
  }
}
