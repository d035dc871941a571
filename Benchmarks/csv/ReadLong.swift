// Reads a long CSV with ReflectFormats.CSVReader and sums the `value` column from its
// bytes, as a scorer would: the reader's cost with a minimal consumer. Prints records,
// the sum, seconds and MB/s. Built by run.sh against the release build of the package.
import Foundation
import ReflectFormats

func readLong(_ path: String) throws -> (records: Int, sum: Int) {
  var reader = try CSVReader(path: path)
  var records = 0
  var sum = 0
  try reader.forEachRecord { record in
    records += 1
    guard record.row > 1, record.count > 3 else { return }
    let value = record[3]
    if value.count == 1 { sum &+= Int(value[0]) &- 48 }
  }
  return (records, sum)
}

let path = CommandLine.arguments.dropFirst().first ?? "long.csv"
let clock = ContinuousClock()
let began = clock.now
let records: Int
let sum: Int
do {
  (records, sum) = try readLong(path)
} catch {
  FileHandle.standardError.write(Data("\(error)\n".utf8))
  exit(1)
}
let elapsed = clock.now - began
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print(
  "\(records) records, value sum \(sum), \(String(format: "%.3f", seconds)) s,"
    + " \(String(format: "%.0f", Double(size) / 1e6 / seconds)) MB/s")
