#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the CSV reader and writer make, with `EINTR` retried and failures
/// returned as `errno` values instead of sentinel results.
///
/// The CSV code talks to file descriptors directly (not `FileHandle`) because the hot path
/// reads megabytes into a buffer it owns, and a `Data` per chunk would be a copy per chunk.
enum SystemIO {
  /// Opens `path` for reading.
  static func openForReading(_ path: String) -> Result<Int32, SystemError> {
    retrying { open(path, O_RDONLY | O_CLOEXEC) }
  }

  /// Creates or truncates `path` for writing, readable and writable by the owner only:
  /// exports hold personal data, so others get access only when someone decides so.
  static func createForWriting(_ path: String) -> Result<Int32, SystemError> {
    retrying { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
  }

  /// Reads up to `count` bytes; 0 means the end of the input.
  static func readSome(
    _ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int
  ) -> Result<Int, SystemError> {
    while true {
      let n = read(fd, buffer, count)
      if n >= 0 { return .success(n) }
      if errno != EINTR { return .failure(SystemError(number: errno)) }
    }
  }

  /// Moves the read position of `fd` to `offset` bytes from the start.
  static func seek(_ fd: Int32, to offset: Int) -> Result<Void, SystemError> {
    lseek(fd, off_t(offset), SEEK_SET) >= 0 ? .success(()) : .failure(SystemError(number: errno))
  }

  /// Reads up to `count` bytes at `offset` without moving the read position; 0 means
  /// the end of the file.
  static func readSome(
    _ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int
  ) -> Result<Int, SystemError> {
    while true {
      let n = pread(fd, buffer, count, off_t(offset))
      if n >= 0 { return .success(n) }
      if errno != EINTR { return .failure(SystemError(number: errno)) }
    }
  }

  /// The size of the regular file open as `fd`, or `nil` for a pipe, terminal or device.
  /// The size of the regular file at `path`, or `nil` for anything else (a pipe, a
  /// device, a folder) or a path that cannot be examined. Looks without opening: opening a
  /// named pipe would wait for a writer, and closing it again could end that writer.
  static func regularFileSize(path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  static func regularFileSize(_ fd: Int32) -> Int? {
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// Writes all `count` bytes, looping over short writes.
  static func writeAll(
    _ fd: Int32, _ bytes: UnsafeRawPointer, count: Int
  ) -> Result<Void, SystemError> {
    var done = 0
    while done < count {
      let n = write(fd, bytes + done, count - done)
      if n > 0 {
        done += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        return .failure(SystemError(number: n < 0 ? errno : EIO))
      }
    }
    return .success(())
  }

  /// Closes `fd`. The result matters for written files, where `close` can report a failed
  /// delayed write (NFS, quotas).
  static func closeDescriptor(_ fd: Int32) -> Result<Void, SystemError> {
    // Not retried after EINTR: the descriptor is released anyway on Linux, and closing it
    // again could close one that another thread has just opened.
    close(fd) == 0 || errno == EINTR ? .success(()) : .failure(SystemError(number: errno))
  }

  private static func retrying(_ call: () -> Int32) -> Result<Int32, SystemError> {
    while true {
      let fd = call()
      if fd >= 0 { return .success(fd) }
      if errno != EINTR { return .failure(SystemError(number: errno)) }
    }
  }
}

/// An `errno` value, as an error.
struct SystemError: Error {
  var number: Int32
}

/// The C library's text for an `errno` value, such as "No such file or directory".
func systemErrorDescription(_ number: Int32) -> String {
  guard let text = strerror(number) else { return "error \(number)" }
  return String(cString: text)
}
