/// Reads the parts of a POSIX TZ string.
struct RuleScanner {
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
