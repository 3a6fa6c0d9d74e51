import DecisionLog
import Foundation
import Testing

/// Our tzdata reader gives the same UTC offsets as the C library, as reported by GNU `date`.
struct TimeZoneTests {
    /// Offsets `date` prints for `instants` (seconds since the epoch) in `zone`.
    func offsetsFromDate(_ zone: String, _ instants: [Int64]) throws -> [Int] {
        let input = instants.map { "@\($0)" }.joined(separator: "\n") + "\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/date")
        process.arguments = ["-f", "-", "+%z"]
        process.environment = ["TZ": zone]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.split(separator: "\n").map { text in
            let sign = text.hasPrefix("-") ? -1 : 1
            let digits = Array(text.dropFirst())
            return sign * ((Int(String(digits[0..<2]))! * 60 + Int(String(digits[2..<4]))!) * 60)
        }
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo",
                      "Pacific/Chatham", "Africa/Casablanca", "Europe/London", "America/St_Johns", "Asia/Tehran",
                      "Pacific/Auckland", "America/Santiago"])
    func offsetsMatchTheCLibrary(zone: String) throws {
        let rules = try #require(TimeZoneRules(named: zone))
        // Every 5 days and 7 hours from 1970 to 2045, and the hours around two typical transitions a year.
        var instants = Array(stride(from: Int64(0), to: 2_366_841_600, by: 5 * 86_400 + 7 * 3600))
        for year in stride(from: 2020, through: 2044, by: 4) {
            for month in [3, 4, 9, 10, 11] {
                let start = Int64(CalendarDate(year: year, month: month, day: 1)!.dayNumber) * 86_400
                instants += stride(from: start, to: start + 31 * 86_400, by: 3 * 3600)
            }
        }
        let expected = try offsetsFromDate(zone, instants)
        #expect(expected.count == instants.count)
        var mismatches: [String] = []
        for (instant, offset) in zip(instants, expected) {
            let ours = rules.offsetSeconds(at: Timestamp(milliseconds: instant * 1000))
            if ours != offset { mismatches.append("\(instant): ours \(ours), date \(offset)") }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5).joined(separator: "; "))")
    }
}
