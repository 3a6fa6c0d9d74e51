import DecisionLog
import Testing

/// Dates, instants, timeframes and time input in a zone.
struct TimeTests {
    @Test(arguments: [
        ("2025-13-45", "month 13"),
        ("2025-02-29", "day 29 is not between 1 and 28"),
        ("2025-04-31", "day 31 is not between 1 and 30"),
        ("25-01-01", "form YYYY-MM-DD"),
        ("2025-1-01", "form YYYY-MM-DD"),
    ])
    func impossibleDatesAreRefusedWithTheReason(text: String, reason: String) {
        #expect {
            try CalendarDate(parsing: text)
        } throws: { error in
            (error as? TimeFormatError)?.problem.contains(reason) == true
        }
    }

    @Test func leapDaysAndDayCounts() throws {
        let date = try CalendarDate(parsing: "2024-02-29")
        #expect(date.description == "2024-02-29")
        #expect(try CalendarDate(parsing: "2025-09-01").days(until: CalendarDate(parsing: "2025-09-22")) == 21)
    }

    @Test func canonicalTimestampsRoundTripAndSortAsText() {
        let instants = [Timestamp(milliseconds: 0), Timestamp(milliseconds: 1_751_328_000_123),
                        Timestamp(milliseconds: -86_400_001), Timestamp(milliseconds: 253_402_300_799_999)]
        for instant in instants {
            #expect(Timestamp(canonical: instant.iso8601Bytes) == instant)
            #expect(instant.iso8601.count == 24)
        }
        #expect(Timestamp(milliseconds: 1_751_328_000_123).iso8601 == "2025-07-01T00:00:00.123Z")
        let sorted = instants.sorted()
        #expect(sorted.map(\.iso8601) == sorted.map(\.iso8601).sorted())
    }

    @Test(arguments: [
        ("2025-09-22", "2025-09-21T22:00:00.000Z"),
        ("2025-09-22T14:30", "2025-09-22T12:30:00.000Z"),
        ("2025-12-22 14:30:05.25", "2025-12-22T13:30:05.250Z"),
        ("2025-09-22T14:30Z", "2025-09-22T14:30:00.000Z"),
        ("2025-09-22T14:30:00-05:00", "2025-09-22T19:30:00.000Z"),
    ])
    func inputIsReadInTheLogsZone(text: String, utc: String) throws {
        let berlin = try #require(TimeZoneRules(named: "Europe/Berlin"))
        #expect(try TimeInput(parsing: text, in: berlin).instant.iso8601 == utc)
    }

    @Test func dateInputRemembersItWasADate() throws {
        let input = try TimeInput(parsing: "2025-09-22", in: .utc)
        #expect(input.dateOnly?.description == "2025-09-22")
        #expect(try TimeInput(parsing: "2025-09-22T10:00", in: .utc).dateOnly == nil)
    }

    @Test(arguments: ["2025-09-22T24:00", "2025-09-22T10:60", "2025-09-22T10", "2025-09-22T10:00+2", "tomorrow"])
    func malformedTimesAreRefused(text: String) {
        #expect(throws: TimeFormatError.self) { try TimeInput(parsing: text, in: .utc) }
    }

    @Test func unknownZonesAreRefused() {
        #expect(TimeZoneRules(named: "Mars/Olympus") == nil)
        #expect(TimeZoneRules(named: "../etc/passwd") == nil)
        #expect(TimeZoneRules(named: "America/New_York") != nil)
    }

    @Test(arguments: ["2025", "2025-H2", "2025-Q3", "2025-09"])
    func timeframesRoundTrip(text: String) throws {
        #expect(try Timeframe(parsing: text).description == text)
    }

    @Test(arguments: ["2025-Q5", "2025-H3", "2025-13", "Q3-2025", "2025-Q"])
    func badTimeframesAreRefused(text: String) {
        #expect(throws: TimeFormatError.self) { try Timeframe(parsing: text) }
    }
}

/// Periods at the calendar's end stop where it does instead of trapping (found by Tools/fuzz/run.sh: `--as-of
/// 9999` crashed the tool).
struct CalendarEndTests {
    @Test(arguments: [1, 2, 7])
    func theLastYearEndsWithTheCalendar(fiscalYearStart: Int) throws {
        let year = try Timeframe(parsing: "9999").interval(fiscalYearStart: fiscalYearStart, zone: .utc)
        let end = try TimeInput(parsing: "9999-12-31", in: .utc).instant.milliseconds + 86_400_000
        #expect(year.upperBound.milliseconds == end)
        #expect(year.lowerBound < year.upperBound)
        let half = try Timeframe(parsing: "9999-H2").interval(fiscalYearStart: fiscalYearStart, zone: .utc)
        #expect(half.upperBound.milliseconds == end)
        #expect(half.lowerBound <= half.upperBound)
    }
}
