import Foundation

/// What a run of the built `reflect` printed and how it ended.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs the built `reflect` executable, as a user or a script would.
public enum ReflectProcess {
  /// The `reflect` binary next to the test bundle (`.build/<config>/reflect`).
  public static let executable: URL? = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("reflect")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    return nil
  }()

  /// Runs `reflect` with `arguments` in `directory` (the repository by default),
  /// feeding `input` on standard input.
  public static func run(
    _ arguments: [String], input: String = "", directory: URL = Repository.root,
    environment: [String: String] = [:]
  ) throws -> ProcessResult {
    let process = try start(arguments, directory: directory, environment: environment)
    process.write(Data(input.utf8))
    return process.finish()
  }

  /// Starts `reflect` and returns at once, for tests that type, interrupt or kill.
  public static func start(
    _ arguments: [String], directory: URL = Repository.root,
    environment: [String: String] = [:]
  ) throws -> RunningReflect {
    guard let executable else {
      throw CocoaError(
        .fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build reflect first"])
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["REFLECT_INSTRUMENTS"] = nil
    env["REFLECT_STORE"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    return try RunningReflect(process)
  }
}

/// A `reflect` process a test talks to while it runs.
public final class RunningReflect: @unchecked Sendable {
  private let process: Process
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private var outputData = Data()
  private var errorData = Data()
  private let readers = DispatchGroup()

  init(_ process: Process) throws {
    // A process that exits before reading all its input must not take the test runner
    // down with SIGPIPE when the test writes the rest.
    signal(SIGPIPE, SIG_IGN)
    self.process = process
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Drain both pipes as the process writes, so a full pipe never blocks it.
    readers.enter()
    DispatchQueue.global().async {
      self.outputData = self.output.fileHandleForReading.readDataToEndOfFile()
      self.readers.leave()
    }
    readers.enter()
    DispatchQueue.global().async {
      self.errorData = self.errors.fileHandleForReading.readDataToEndOfFile()
      self.readers.leave()
    }
  }

  /// Types `data` on the process's standard input.
  public func write(_ data: Data) {
    try? input.fileHandleForWriting.write(contentsOf: data)
  }

  /// Sends SIGKILL, as a crash or a pulled plug would end it.
  public func kill() {
    Foundation.kill(process.processIdentifier, SIGKILL)
    _ = finish()
  }

  /// Sends SIGINT, as Ctrl-C does.
  public func interrupt() {
    Foundation.kill(process.processIdentifier, SIGINT)
  }

  /// Closes standard input, waits for the end while watching the process's peak
  /// resident memory (Linux's `VmHWM`, read every few milliseconds), and returns what was
  /// printed and the last peak seen in bytes (`nil` where `/proc` is missing).
  public func finishMeasuringPeakMemory() -> (ProcessResult, peakBytes: Int?) {
    try? input.fileHandleForWriting.close()
    let status = "/proc/\(process.processIdentifier)/status"
    var peak: Int?
    while process.isRunning {
      if let text = try? String(contentsOfFile: status, encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
      {
        peak = max(peak ?? 0, kilobytes * 1024)
      }
      usleep(5_000)
    }
    return (finish(), peak)
  }

  /// Closes standard input, waits for the end, and returns what was printed.
  public func finish() -> ProcessResult {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    readers.wait()
    return ProcessResult(
      status: process.terminationStatus,
      stdout: String(decoding: outputData, as: UTF8.self),
      stderr: String(decoding: errorData, as: UTF8.self))
  }
}
