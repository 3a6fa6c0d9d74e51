/// Events sealed together, and their lines one after another.
public struct SealedBatch: Sendable {
    /// The events, in order.
    public let events: [Event]
    /// Their lines, newlines included, ready to append.
    public let bytes: [UInt8]
    /// Where each line ends in `bytes`.
    public let lineEnds: [Int]

    /// The length of line `index`, newline included.
    public func lineLength(_ index: Int) -> Int { lineEnds[index] - (index == 0 ? 0 : lineEnds[index - 1]) }
}
