/// Fixed-width decimal reading and writing for date and time text.
enum Digits {
    /// The number written by `count` ASCII digits at `offset`, or nil when any is not a digit.
    static func read(_ bytes: some RandomAccessCollection<UInt8>, at offset: Int, count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        var value = 0
        var index = bytes.index(bytes.startIndex, offsetBy: offset)
        for _ in 0..<count {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            index = bytes.index(after: index)
        }
        return value
    }

    /// Appends `value` as exactly `width` digits, zero-padded.
    static func append(_ value: Int, width: Int, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0x30, count: width))
        var v = value
        for i in stride(from: start + width - 1, through: start, by: -1) {
            output[i] = UInt8(0x30 + v % 10)
            v /= 10
        }
    }
}
