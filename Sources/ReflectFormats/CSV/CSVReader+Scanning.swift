import Foundation

#if arch(x86_64) && canImport(_Builtin_intrinsics)
import _Builtin_intrinsics.intel
#endif

/// The bytes that end or quote a field; everything else is field content.
enum CSVByte {
  static let comma: UInt8 = 0x2C
  static let quote: UInt8 = 0x22
  static let lineFeed: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
}

extension CSVReader {
  /// What scanning the buffer from `start` found.
  enum Scan {
    /// A complete record with `count` fields in `spans`, the next one starting at `next`.
    case record(next: Int, count: Int, hasDoubledQuotes: Bool)
    /// An empty line, skipped.
    case blankLine(next: Int)
    /// The buffer ends inside the record (or is empty): read more and scan again.
    case needsInput
    case malformed(CSVError.Code, column: Int)
  }

  /// Scans one record starting at `start`, recording its fields in `spans` (as offsets
  /// from `start`).
  ///
  /// The scan changes nothing in the buffer, so a record cut off by the end of the
  /// buffer is simply scanned again from its start after a refill.
  mutating func scanRecord() -> Scan {
    let base = buffer
    let end = self.end
    let inputEnded = self.inputEnded
    var spans = self.spans
    let recordStart = start
    var position = start
    if position == end { return .needsInput }

    var count = 0
    var hasDoubledQuotes = false
    while true {
      if count >= Self.maximumFieldCount {
        return .malformed(.tooManyFields(maximum: Self.maximumFieldCount), column: count + 1)
      }
      if count == spanCapacity {
        growSpans()
        spans = self.spans
      }
      columnAwaitingInput = count + 1
      if position < end && base[position] == CSVByte.quote {
        // A quoted field: everything up to a quote that is not doubled is content.
        let contentStart = position + 1
        var searchFrom = contentStart
        while true {
          guard let closing = findQuote(base, from: searchFrom, to: end) else {
            return inputEnded ? .malformed(.unterminatedQuote, column: count + 1) : .needsInput
          }
          let next = closing + 1
          if next == end && !inputEnded { return .needsInput }  // may be a doubled quote
          if next < end && base[next] == CSVByte.quote {
            hasDoubledQuotes = true
            searchFrom = next + 1
            continue
          }
          spans[count] = CSVRecord.Span(
            start: contentStart - recordStart, end: closing - recordStart)
          count += 1
          position = next
          break
        }
        if position == end {
          return .record(next: end, count: count, hasDoubledQuotes: hasDoubledQuotes)
        }
        let byte = base[position]
        if byte == CSVByte.comma {
          position += 1
          continue
        }
        guard byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn else {
          return .malformed(.textAfterClosingQuote, column: count)
        }
        guard let next = lineEnd(at: position, end: end, inputEnded: inputEnded) else {
          return .needsInput
        }
        return .record(next: next, count: count, hasDoubledQuotes: hasDoubledQuotes)
      }

      // An unquoted field: content up to the next comma or line end.
      let stop = findSpecialByte(base, from: position, to: end)
      if stop == end {
        guard inputEnded else { return .needsInput }
        spans[count] = CSVRecord.Span(start: position - recordStart, end: end - recordStart)
        return .record(next: end, count: count + 1, hasDoubledQuotes: hasDoubledQuotes)
      }
      let byte = base[stop]
      if byte == CSVByte.comma {
        spans[count] = CSVRecord.Span(start: position - recordStart, end: stop - recordStart)
        count += 1
        position = stop + 1
        continue
      }
      if byte == CSVByte.quote {
        return .malformed(.quoteInUnquotedField, column: count + 1)
      }
      guard let next = lineEnd(at: stop, end: end, inputEnded: inputEnded) else {
        return .needsInput
      }
      if count == 0 && stop == position {
        return .blankLine(next: next)
      }
      spans[count] = CSVRecord.Span(start: position - recordStart, end: stop - recordStart)
      return .record(next: next, count: count + 1, hasDoubledQuotes: hasDoubledQuotes)
    }
  }

  /// Hands over the records from `start` on that contain no quote, stopping at a quote
  /// or near the end of the buffer, where `scanRecord()` takes over.
  ///
  /// This is the hot loop of reading a file. It takes 64 bytes at a time and makes a mask
  /// with one bit per byte that may be a comma, quote or line end, then goes through the
  /// set bits. Going through bits rather than searching for one field end after another
  /// means that a field's end is not waiting for the previous one's, and the loop over
  /// bits ends once per 64 bytes rather than once per field, where the processor would
  /// mispredict its end.
  ///
  /// A record that starts with the same bytes as the previous one (a long CSV repeats its
  /// session's columns on every row) takes those fields' positions from the previous
  /// record and is scanned from the first field that differs.
  mutating func scanUnquotedRecords(_ body: (borrowing CSVRecord) throws -> Void) throws {
    let base = buffer
    let end = self.end
    var recordStart = start
    var fieldStart = recordStart
    // Where the current field's span goes: spans[0] for a record's first field.
    var field = spans
    var block = recordStart
    // The last record handed over in this call: where it started (-1 for none) and its
    // number of fields, whose spans are still in `spans` until the next record's replace
    // them.
    var previousStart = -1
    var previousFieldCount = 0
    // Leading fields of the current record that repeat the previous record's, and of the
    // previous record (usually the same number: the session's fields).
    var repeated = 0
    var previousRepeated = 0
    blocks: while end &- block >= 64 {
      // A block has at most 64 fields: make room once here rather than at every comma.
      let count = spans.distance(to: field)
      if spanCapacity &- count < 64 {
        // Past the limit, the general path reports the error at the right field.
        guard count < Self.maximumFieldCount else { break }
        growSpans()
        field = spans + count
      }
      var candidates = candidateMask(base, at: block)
      // Bytes already taken: the `\n` of a `\r\n` that ended the last record of the
      // previous block. (A shift by 64 or more gives 0, as wanted.)
      candidates &= UInt64.max << UInt64(max(0, fieldStart &- block))
      while candidates != 0 {
        let position = block &+ candidates.trailingZeroBitCount
        candidates &= candidates &- 1
        let byte = base[position]
        // Every candidate ends the current field unless it turns out to be content, so
        // the span is written before knowing; a comma only has to move on.
        field.pointee = CSVRecord.Span(
          start: fieldStart &- recordStart, end: position &- recordStart)
        if byte == CSVByte.comma {
          field += 1
          fieldStart = position &+ 1
          continue
        }
        // A bit test rather than two comparisons: comparisons of one byte with several
        // constants become a jump table, whose indirect jump mispredicts at record ends.
        // (Candidates are below 0x2E, so the shift stays below 64.)
        if lineEndBytes &>> UInt64(byte) & 1 != 0 {
          var next = position &+ 1
          if byte == CSVByte.carriageReturn {
            guard next < end else {
              start = recordStart
              return
            }
            if base[next] == CSVByte.lineFeed {
              next &+= 1
              // Drops the `\n`'s bit; past bit 63 the shift gives 0 and the next block
              // drops it instead, as it starts before `fieldStart`.
              candidates &= ~(2 &<< UInt64(position &- block))
            }
          }
          if field == spans && fieldStart == position {
            rowsRead &+= 1
            start = next
            // Its span was written over the previous record's first one.
            previousStart = -1
          } else {
            let fieldCount = spans.distance(to: field) &+ 1
            try deliverRecord(
              fieldCount: fieldCount, next: next, repeatedLeadingFields: repeated, body)
            previousStart = recordStart
            previousFieldCount = fieldCount
          }
          recordStart = next
          fieldStart = next
          field = spans
          previousRepeated = repeated
          repeated = 0
          if previousStart >= 0 {
            repeated = repeatLeadingFields(
              of: previousStart, fieldCount: previousFieldCount, at: next, end: end,
              likely: previousRepeated)
            if repeated > 0 {
              // Scanning goes on from the first field that differs, in a block of its own.
              field = spans + repeated
              fieldStart = next &+ spans[repeated &- 1].end &+ 1
              block = fieldStart
              continue blocks
            }
          }
        } else if byte == CSVByte.quote {
          start = recordStart
          return
        }
      }
      block &+= 64
    }
    start = recordStart
  }

  /// How many leading fields of the record at `next` are the same bytes, comma included,
  /// as those of the record at `previous`, which has `fieldCount` fields whose spans are
  /// in `spans`: their spans are the same for the record at `next`, as spans are offsets
  /// from a record's start. 0 when none are, or when the buffer ends too soon after
  /// `next` to compare 16 bytes at a time.
  /// `likely` is the count to check first (the previous record's).
  @inline(__always)
  private func repeatLeadingFields(
    of previous: Int, fieldCount: Int, at next: Int, end: Int, likely: Int
  )
    -> Int
  {
    guard fieldCount > 1 else { return 0 }
    // Up to the previous record's last comma: its last field ends at a line end.
    let last = fieldCount &- 1
    let length = spans[last &- 1].end &+ 1
    // Compared 16 bytes at a time, reading up to 15 bytes past `length` on both sides,
    // all within the buffer.
    guard end &- next >= length &+ 16 else { return 0 }
    let same = sameLeadingBytes(buffer + previous, buffer + next, upTo: length)
    // The fields whose comma is among the same bytes; their ends grow with their index.
    if likely > 0 && likely <= last && spans[likely &- 1].end < same
      && (likely == last || spans[likely].end >= same)
    {
      return likely
    }
    var count = 0
    while count < last && spans[count].end < same { count &+= 1 }
    return count
  }

  /// Where the next record starts after the line end at `position` (`\n`, `\r\n`, or a
  /// lone `\r` as old Mac files have), or `nil` when the buffer ends between `\r` and a
  /// possible `\n`.
  @inline(__always)
  private func lineEnd(at position: Int, end: Int, inputEnded: Bool) -> Int? {
    if buffer[position] == CSVByte.lineFeed { return position + 1 }
    let next = position + 1
    if next < end { return buffer[next] == CSVByte.lineFeed ? next + 1 : next }
    return inputEnded ? next : nil
  }

  /// Turns each `""` inside the fields of the record at `start` into `"`, in place, moving
  /// the rest of each field left; done once a record is complete, so a rescan never sees
  /// it.
  mutating func removeDoubledQuotes(fieldCount: Int) {
    let record = buffer + start
    for index in 0..<fieldCount {
      let span = spans[index]
      guard var read = findQuote(record, from: span.start, to: span.end) else { continue }
      var write = read
      while read < span.end {
        let byte = record[read]
        record[write] = byte
        write += 1
        // Quotes inside a quoted field always come in pairs: keep one, skip the other.
        read += byte == CSVByte.quote ? 2 : 1
      }
      spans[index].end = write
    }
  }
}

/// How many leading bytes `a` and `b` have in common, counted in blocks of 16 bytes up to
/// the first block that reaches `length` (so at least `length` when all of those agree):
/// both must have `length + 15` bytes.
@inline(__always)
func sameLeadingBytes(
  _ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>, upTo length: Int
) -> Int {
  var same = 0
  while same < length {
    #if arch(x86_64) && canImport(_Builtin_intrinsics)
    let equal = _mm_movemask_epi8(
      _mm_cmpeq_epi8(
        _mm_loadu_si128(UnsafeRawPointer(a + same).assumingMemoryBound(to: __m128i.self)),
        _mm_loadu_si128(UnsafeRawPointer(b + same).assumingMemoryBound(to: __m128i.self))))
    let different = ~UInt32(truncatingIfNeeded: equal) & 0xFFFF
    if different != 0 { return same &+ different.trailingZeroBitCount }
    same &+= 16
    #else
    for _ in 0..<2 {
      let difference =
        UnsafeRawPointer(a + same).loadUnaligned(as: UInt64.self)
        ^ UnsafeRawPointer(b + same).loadUnaligned(as: UInt64.self)
      if difference != 0 {
        return same &+ UInt64(littleEndian: difference).trailingZeroBitCount &>> 3
      }
      same &+= 8
    }
    #endif
  }
  return same
}

/// The first `"` in `base[from..<end]`, found with the C library's vectorised `memchr`.
@inline(__always)
private func findQuote(_ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int) -> Int? {
  guard from < end, let found = memchr(base + from, Int32(CSVByte.quote), end - from) else {
    return nil
  }
  return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
}

/// One bit per line-end byte value, CR and LF.
private let lineEndBytes: UInt64 =
  1 << UInt64(CSVByte.lineFeed) | 1 << UInt64(CSVByte.carriageReturn)

/// One bit per special byte value: comma, quote, CR, LF (all below 64).
private let specialBytes: UInt64 =
  1 << UInt64(CSVByte.comma) | 1 << UInt64(CSVByte.quote) | 1 << UInt64(CSVByte.lineFeed)
  | 1 << UInt64(CSVByte.carriageReturn)

/// The eight bytes at `base + position` as a mask with the high bit set in each byte that
/// may be a comma, quote, CR or LF, so that ordinary text is skipped eight bytes at a time.
///
/// The expression sets the high bit of every byte below 0x2D (all four special bytes
/// are), and of a `-` (0x2D) right after such a byte (a borrow), so candidates must still
/// be checked. Letters, digits and UTF-8 bytes (0x80 and up) are never candidates; spaces
/// and some punctuation are.
@inline(__always)
private func candidateBytes(_ base: UnsafeMutablePointer<UInt8>, at position: Int) -> UInt64 {
  let word = UInt64(
    littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
  return (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
}

/// The 64 bytes at `base + position` as a mask with bit `i` set when byte `i` may be a
/// comma, quote, CR or LF: exactly those bytes on x86-64, where SSE2 (part of every such
/// processor) compares 16 bytes with each of them at once; else also the other bytes that
/// `candidateBytes` lets through.
@inline(__always)
func candidateMask(_ base: UnsafeMutablePointer<UInt8>, at position: Int) -> UInt64 {
  #if arch(x86_64) && canImport(_Builtin_intrinsics)
  specialByteMask(base, at: position)
  #else
  candidateWordMask(base, at: position)
  #endif
}

#if arch(x86_64) && canImport(_Builtin_intrinsics)
/// The 64 bytes at `base + position` as a mask with bit `i` set when byte `i` is a comma,
/// quote, CR or LF, 16 bytes at a time with SSE2. (Measured against
/// `candidateWordMask`: the mask in 60 % of the time, and no spaces among the bytes
/// that the scan then goes through one by one.)
@inline(__always)
func specialByteMask(_ base: UnsafeMutablePointer<UInt8>, at position: Int) -> UInt64 {
  let comma = _mm_set1_epi8(Int8(bitPattern: CSVByte.comma))
  let quote = _mm_set1_epi8(Int8(bitPattern: CSVByte.quote))
  let lineFeed = _mm_set1_epi8(Int8(bitPattern: CSVByte.lineFeed))
  let carriageReturn = _mm_set1_epi8(Int8(bitPattern: CSVByte.carriageReturn))
  @inline(__always)
  func bits(_ offset: Int) -> UInt64 {
    let bytes = _mm_loadu_si128(
      UnsafeRawPointer(base + (position &+ offset)).assumingMemoryBound(to: __m128i.self))
    let found = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, quote)),
      _mm_or_si128(_mm_cmpeq_epi8(bytes, lineFeed), _mm_cmpeq_epi8(bytes, carriageReturn)))
    return UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(found)))
  }
  return bits(0) | bits(16) &<< 16 | bits(32) &<< 32 | bits(48) &<< 48
}
#endif

/// The 64 bytes at `base + position` as a mask with bit `i` set when byte `i` may be a
/// comma, quote, CR or LF (see `candidateBytes`), with 64-bit words only.
@inline(__always)
func candidateWordMask(_ base: UnsafeMutablePointer<UInt8>, at position: Int) -> UInt64 {
  // Gathers the high bits of each word's eight bytes into eight bits: after the shift
  // they are at 0, 8, …, 56, and the multiplier's terms move bit 8k to bit 56 + k with no
  // two terms meeting, so no carries. Words are taken last to first and shifted in, a
  // chain that the compiler keeps in scalar registers; as eight independent lanes it
  // would vectorise them with SSE, which has no 64-bit multiply and emulates it slowly.
  var mask: UInt64 = 0
  var word = 7
  while word >= 0 {
    let bytes = candidateBytes(base, at: position &+ word &* 8) &>> 7
    mask = (mask &<< 8) | ((bytes &* 0x0102_0408_1020_4080) &>> 56)
    word &-= 1
  }
  return mask
}

/// The position of the first comma, quote, CR or LF in `base[from..<end]`, or `end`.
@inline(__always)
private func findSpecialByte(_ base: UnsafeMutablePointer<UInt8>, from: Int, to end: Int) -> Int {
  var position = from
  while end - position >= 8 {
    var candidates = candidateBytes(base, at: position)
    while candidates != 0 {
      let offset = candidates.trailingZeroBitCount &>> 3
      if specialBytes >> UInt64(base[position + offset]) & 1 != 0 {
        return position + offset
      }
      candidates &= candidates &- 1
    }
    position += 8
  }
  while position < end {
    if specialBytes >> UInt64(base[position]) & 1 != 0 { return position }
    position += 1
  }
  return end
}
