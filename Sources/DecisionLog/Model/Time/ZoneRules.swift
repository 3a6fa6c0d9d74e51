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
