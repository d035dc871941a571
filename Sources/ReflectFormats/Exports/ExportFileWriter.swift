#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written whole or not at all: to a temporary name in the target folder, then
/// renamed, which POSIX makes atomic within one file system.
enum ExportFileWriter {
  /// `directory/name`, without doubling a trailing `/`.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// A hidden name beside `name` that no other writer uses.
  static func temporaryPath(_ directory: String, for name: String) -> String {
    let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    return join(directory, ".\(name).\(getpid())-\(tag).tmp")
  }

  /// Makes `directory` and any missing parents, readable by the owner only; a folder that
  /// exists is left as it is.
  static func makeFolder(_ directory: String) throws(ExportError) {
    var isFolder = stat()
    if stat(directory, &isFolder) == 0 {
      guard isFolder.st_mode & S_IFMT == S_IFDIR else {
        throw ExportError(.cannotCreateFolder, path: directory, systemReason: "not a folder")
      }
      return
    }
    var path = directory.hasPrefix("/") ? "/" : ""
    for component in directory.split(separator: "/") {
      path += path.isEmpty || path.hasSuffix("/") ? component : "/" + component
      guard component != ".", component != ".." else { continue }
      if mkdir(path, 0o700) != 0 && errno != EEXIST {
        throw ExportError(
          .cannotCreateFolder, path: directory, systemReason: systemErrorDescription(errno))
      }
    }
  }

  /// Writes what `body` passes to its output into a new owner-only file at `path`,
  /// gathering pieces into blocks.
  static func write(
    to path: String, name: String, _ body: ((String) -> Void) -> Void
  ) throws(ExportError) {
    let fd: Int32
    switch SystemIO.createForWriting(path) {
    case .success(let opened): fd = opened
    case .failure(let error):
      throw ExportError(
        .cannotWrite, path: name, systemReason: systemErrorDescription(error.number))
    }
    let blockSize = 1 << 16
    var buffer: [UInt8] = []
    buffer.reserveCapacity(blockSize * 2)
    var failure: SystemError?
    func flush() {
      guard failure == nil, !buffer.isEmpty else { return }
      let result = buffer.withUnsafeBytes { bytes in
        guard let base = bytes.baseAddress else { return Result<Void, SystemError>.success(()) }
        return SystemIO.writeAll(fd, base, count: bytes.count)
      }
      if case .failure(let error) = result { failure = error }
      buffer.removeAll(keepingCapacity: true)
    }
    body { piece in
      buffer.append(contentsOf: piece.utf8)
      if buffer.count >= blockSize { flush() }
    }
    flush()
    if case .failure(let error) = SystemIO.closeDescriptor(fd), failure == nil {
      failure = error
    }
    if let failure {
      throw ExportError(
        .cannotWrite, path: name, systemReason: systemErrorDescription(failure.number))
    }
  }

  /// Renames every temporary file to its final name.
  static func renameAll(_ files: [(temporary: String, final: String)]) throws(ExportError) {
    for file in files where rename(file.temporary, file.final) != 0 {
      throw ExportError(
        .cannotWrite, path: file.final, systemReason: systemErrorDescription(errno))
    }
  }

  /// Removes what is left of temporary files; files already renamed are not there any
  /// more, and that is not an error.
  static func removeAll(_ paths: [String]) {
    for path in paths { _ = unlink(path) }
  }
}
