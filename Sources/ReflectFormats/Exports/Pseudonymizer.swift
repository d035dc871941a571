import Crypto

/// Replaces ids with keyed pseudonyms: `p-` and the first 16 hexadecimal digits of
/// HMAC-SHA256(key, id), the id taken as UTF-8.
///
/// The same key gives the same pseudonym for the same id in every export, so waves and
/// files can be joined; without the key nobody can compute the pseudonym of a known id,
/// which a plain hash would allow, since ids are few and predictable. It is
/// pseudonymisation, not anonymisation: see `exports/README.md`.
public struct Pseudonymizer: Sendable {
  /// The environment variable that holds the key.
  public static let environmentVariable = "REFLECT_PSEUDONYM_KEY"

  // The bytes rather than a `SymmetricKey`, which is not `Sendable`.
  private let key: [UInt8]

  /// A pseudonymizer with the key's bytes.
  ///
  /// - Throws: ``ExportError`` with code `.emptyPseudonymKey` for an empty key.
  public init(key: some Sequence<UInt8>) throws(ExportError) {
    let bytes = Array(key)
    guard !bytes.isEmpty else { throw ExportError(.emptyPseudonymKey) }
    self.key = bytes
  }

  /// The key from `--key-file` when given, else from ``environmentVariable``.
  ///
  /// A key file's trailing line end (`\n` or `\r\n`) is not part of the key, so that a
  /// file written with `echo` and the same text in the environment give the same
  /// pseudonyms; the environment variable's value is taken as UTF-8.
  ///
  /// - Throws: ``ExportError`` with code `.missingPseudonymKey` when there is neither,
  ///   `.cannotReadKeyFile`, or `.emptyPseudonymKey`.
  public static func fromEnvironment(
    _ environment: [String: String], keyFile: String?
  ) throws(ExportError) -> Pseudonymizer {
    if let keyFile {
      var bytes = try readKeyFile(keyFile)
      if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
      if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
      do {
        return try Pseudonymizer(key: bytes)
      } catch {
        throw ExportError(.emptyPseudonymKey, path: keyFile)
      }
    }
    guard let value = environment[environmentVariable] else {
      throw ExportError(.missingPseudonymKey)
    }
    return try Pseudonymizer(key: Array(value.utf8))
  }

  /// The pseudonym of `id`: `p-` and 16 lowercase hexadecimal digits.
  public func pseudonym(for id: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Array(id.utf8), using: SymmetricKey(data: key))
    var text = "p-"
    text.reserveCapacity(18)
    for byte in code.prefix(8) {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
    }
    return text
  }
}

/// The bytes of the key file at `path`.
private func readKeyFile(_ path: String) throws(ExportError) -> [UInt8] {
  let fd: Int32
  switch SystemIO.openForReading(path) {
  case .success(let opened): fd = opened
  case .failure(let error):
    throw ExportError(
      .cannotReadKeyFile, path: path, systemReason: systemErrorDescription(error.number))
  }
  defer { _ = SystemIO.closeDescriptor(fd) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while true {
    let result = chunk.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return Result<Int, SystemError>.success(0) }
      return SystemIO.readSome(fd, into: base, count: buffer.count)
    }
    switch result {
    case .success(0): return bytes
    case .success(let count): bytes += chunk[..<count]
    case .failure(let error):
      throw ExportError(
        .cannotReadKeyFile, path: path, systemReason: systemErrorDescription(error.number))
    }
  }
}

private let hexDigits = Array("0123456789abcdef")
