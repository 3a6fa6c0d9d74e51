/// A set of Unicode scalars: ranges, possibly negated.
struct ScalarSet: Equatable {
    /// Inclusive ranges of scalar values.
    var ranges: [ClosedRange<UInt32>]
    /// Whether the set is every scalar not in `ranges`.
    var negated = false

    /// The set of one scalar.
    init(_ scalar: UInt32) { ranges = [scalar...scalar] }
    /// The set of `ranges`.
    init(ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges = ranges
        self.negated = negated
    }

    /// Whether `value` is in the positive ranges.
    func rangesContain(_ value: UInt32) -> Bool { ranges.contains { $0.contains(value) } }

    static let digits = ScalarSet(ranges: [0x30...0x39])
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262's white space and line terminators.
    static let space = ScalarSet(ranges: [0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
                                          0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF])
}
