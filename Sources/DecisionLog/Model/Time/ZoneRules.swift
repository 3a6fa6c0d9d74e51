/// The UTC offsets of one time zone, read from its tzdata (TZif) file: the transitions the file lists, and
/// the POSIX TZ rule its footer gives for instants after the last one (RFC 8536).
struct ZoneRules: Sendable, Hashable {
    /// Transition instants (seconds since the epoch), ascending.
    let transitions: [Int64]
    /// The offset (seconds east of UTC) in force from each transition on.
    let offsets: [Int32]
    /// The offset before the first transition.
    let initialOffset: Int32
    /// The rule for instants after the last transition, when the file has one.
    let footer: PosixZoneRule?

    /// The offset in force at `seconds` since the epoch.
    func offset(atUnixSeconds seconds: Int64) -> Int {
        if let footer, seconds >= transitions.last ?? .min { return footer.offset(atUnixSeconds: seconds) }
        guard let first = transitions.first, seconds >= first else { return Int(initialOffset) }
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return Int(offsets[low])
    }

    /// Reads a TZif file (version 1, 2, 3 or 4); nil when the bytes are not one.
    init?(tzif bytes: [UInt8]) {
        var reader = ByteReader(bytes)
        guard let v1 = reader.header() else { return nil }
        let usesWideTimes = v1.version >= 2
        if usesWideTimes {
            // Skip the 32-bit block; the 64-bit one follows with its own header.
            guard reader.skip(v1.timeCount * 5 + v1.typeCount * 6 + v1.charCount + v1.leapCount * 8 + v1.isStdCount + v1.isUTCCount),
                reader.header() != nil
            else { return nil }
        }
        let header = usesWideTimes ? reader.lastHeader! : v1
        let timeSize = usesWideTimes ? 8 : 4
        var times: [Int64] = []
        for _ in 0..<header.timeCount {
            guard let t = usesWideTimes ? reader.int64() : reader.int32().map(Int64.init) else { return nil }
            times.append(t)
        }
        var typeIndices: [Int] = []
        for _ in 0..<header.timeCount {
            guard let index = reader.byte() else { return nil }
            typeIndices.append(Int(index))
        }
        var types: [(offset: Int32, isDST: Bool)] = []
        for _ in 0..<header.typeCount {
            guard let offset = reader.int32(), let dst = reader.byte(), reader.byte() != nil else { return nil }
            types.append((offset, dst != 0))
        }
        guard !types.isEmpty, typeIndices.allSatisfy({ $0 < types.count }),
            reader.skip(header.charCount + header.leapCount * (timeSize + 4) + header.isStdCount + header.isUTCCount)
        else { return nil }
        transitions = times
        offsets = typeIndices.map { types[$0].offset }
        initialOffset = (types.first { !$0.isDST } ?? types[0]).offset
        footer = usesWideTimes ? reader.footer().flatMap(PosixZoneRule.init) : nil
    }
}

/// A POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3`: a standard offset and, optionally, a daylight
/// offset with the yearly rules for when it starts and ends.
struct PosixZoneRule: Sendable, Hashable {
    /// Offsets east of UTC, in seconds.
    let standardOffset: Int
    let daylight: Daylight?

    struct Daylight: Sendable, Hashable {
        let offset: Int
        let start: YearlyMoment
        let end: YearlyMoment
    }

    /// A moment each year: a day rule and a local time of day in seconds (may be negative or beyond 24 h).
    struct YearlyMoment: Sendable, Hashable {
        enum Day: Sendable, Hashable {
            /// `Jn`: day 1–365, never counting February 29.
            case julian(Int)
            /// `n`: day 0–365, counting February 29 in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        let day: Day
        let time: Int

        /// Seconds since the epoch, in local wall time of the zone at `offset`, of this moment in `year`.
        func localSeconds(in year: Int) -> Int64 {
            let dayNumber: Int
            switch day {
            case .julian(let n):
                let start = Civil.dayNumber(year: year, month: 1, day: 1)
                dayNumber = start + n - 1 + (Civil.isLeapYear(year) && n >= 60 ? 1 : 0)
            case .zeroBased(let n):
                dayNumber = Civil.dayNumber(year: year, month: 1, day: 1) + n
            case .monthWeekDay(let month, let week, let weekday):
                let first = Civil.dayNumber(year: year, month: month, day: 1)
                let firstWeekday = ((first % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (4)
                var day = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
                let length = Civil.daysInMonth(year: year, month: month)
                while day >= first + length { day -= 7 }
                dayNumber = day
            }
            return Int64(dayNumber) * 86_400 + Int64(time)
        }
    }

    func offset(atUnixSeconds seconds: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let year = Civil.date(dayNumber: Int(Civil.floorDivide(seconds + Int64(standardOffset), 86_400).quotient)).year
        // The start is given in standard time, the end in daylight time.
        let start = daylight.start.localSeconds(in: year) - Int64(standardOffset)
        let end = daylight.end.localSeconds(in: year) - Int64(daylight.offset)
        let inDaylight = start < end ? (seconds >= start && seconds < end) : !(seconds >= end && seconds < start)
        return inDaylight ? daylight.offset : standardOffset
    }

    /// Parses a POSIX TZ string; nil for anything it cannot read.
    init?(_ text: String) {
        var scanner = RuleScanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.atEnd { daylight = nil; return }
        guard scanner.name() else { return nil }
        var daylightOffset = standardOffset + 3600
        if let explicit = scanner.offset() { daylightOffset = -explicit }
        let start: YearlyMoment, end: YearlyMoment
        if scanner.atEnd {
            // No rules given: the US rules POSIX names as the default.
            start = YearlyMoment(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = YearlyMoment(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        } else {
            guard scanner.take(UInt8(ascii: ",")), let s = scanner.moment(), scanner.take(UInt8(ascii: ",")),
                let e = scanner.moment(), scanner.atEnd
            else { return nil }
            start = s
            end = e
        }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }
}

/// Reads the parts of a POSIX TZ string.
private struct RuleScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// A zone abbreviation: letters, or anything between `<` and `>`.
    mutating func name() -> Bool {
        if take(UInt8(ascii: "<")) {
            while position < bytes.count, bytes[position] != UInt8(ascii: ">") { position += 1 }
            return take(UInt8(ascii: ">"))
        }
        let start = position
        while position < bytes.count, (bytes[position] | 0x20) >= UInt8(ascii: "a"), (bytes[position] | 0x20) <= UInt8(ascii: "z") {
            position += 1
        }
        return position - start >= 3
    }

    mutating func number() -> Int? {
        let start = position
        var value = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        return position > start ? value : nil
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    mutating func offset() -> Int? {
        var sign = 1
        if take(UInt8(ascii: "-")) { sign = -1 } else { _ = take(UInt8(ascii: "+")) }
        guard let hours = number() else { return nil }
        var seconds = hours * 3600
        if take(UInt8(ascii: ":")) {
            guard let minutes = number() else { return nil }
            seconds += minutes * 60
            if take(UInt8(ascii: ":")) {
                guard let s = number() else { return nil }
                seconds += s
            }
        }
        return sign * seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, optionally followed by `/time`.
    mutating func moment() -> PosixZoneRule.YearlyMoment? {
        let day: PosixZoneRule.YearlyMoment.Day
        if take(UInt8(ascii: "J")) {
            guard let n = number(), (1...365).contains(n) else { return nil }
            day = .julian(n)
        } else if take(UInt8(ascii: "M")) {
            guard let m = number(), take(UInt8(ascii: ".")), let w = number(), take(UInt8(ascii: ".")), let d = number(),
                (1...12).contains(m), (1...5).contains(w), (0...6).contains(d)
            else { return nil }
            day = .monthWeekDay(month: m, week: w, weekday: d)
        } else {
            guard let n = number(), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var time = 7200
        if take(UInt8(ascii: "/")) {
            guard let t = offset() else { return nil }
            time = t
        }
        return PosixZoneRule.YearlyMoment(day: day, time: time)
    }
}

/// Big-endian reading of a TZif file.
private struct ByteReader {
    struct Header {
        let version: Int
        let isUTCCount, isStdCount, leapCount, timeCount, typeCount, charCount: Int
    }

    let bytes: [UInt8]
    var position = 0
    var lastHeader: Header?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func int32() -> Int32? { bigEndian(Int32.self) }

    mutating func int64() -> Int64? { bigEndian(Int64.self) }

    private mutating func bigEndian<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard position + size <= bytes.count else { return nil }
        var value: T = 0
        for i in 0..<size { value = value << 8 | T(truncatingIfNeeded: bytes[position + i]) }
        position += size
        return value
    }

    mutating func header() -> Header? {
        guard position + 44 <= bytes.count, Array(bytes[position..<position + 4]) == Array("TZif".utf8) else { return nil }
        let versionByte = bytes[position + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - 0x30
        position += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = int32(), count >= 0 else { return nil }
            counts.append(Int(count))
        }
        let header = Header(version: version, isUTCCount: counts[0], isStdCount: counts[1], leapCount: counts[2],
                            timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
        lastHeader = header
        return header
    }

    /// The footer's POSIX TZ string, between two newlines after the 64-bit block.
    mutating func footer() -> String? {
        guard position < bytes.count, bytes[position] == 0x0A,
            let close = bytes[(position + 1)...].firstIndex(of: 0x0A)
        else { return nil }
        let text = String(decoding: bytes[(position + 1)..<close], as: UTF8.self)
        return text.isEmpty ? nil : text
    }
}
