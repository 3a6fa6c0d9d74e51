/// The first thing found wrong in a log, with the event and line where it is.
public struct IntegrityProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of damage.
    public enum Kind: String, Sendable, Equatable {
        /// The line is not a well-formed event.
        case malformed
        /// The line is valid JSON but not in the canonical form the log writes.
        case notCanonical
        /// The bytes do not hash to the stored hash: the event was changed after it was sealed.
        case hashMismatch
        /// `prev` is not the previous event's hash: an event was removed, inserted or reordered.
        case brokenLink
        /// `seq` does not follow the previous one.
        case sequenceGap
        /// The id appeared earlier in the log.
        case duplicateID
        /// Recorded time went backwards.
        case clockWentBack
        /// The file ends with part of a line: an interrupted write.
        case incompleteTail
        /// The file ends with the events of an append that was interrupted before it was acknowledged.
        case interruptedAppend
        /// A line the running tool cannot read: written by a newer version.
        case needsNewerTool
        /// The log does not contain the head it was expected to contain.
        case headMissing
    }

    /// What kind of damage.
    public let kind: Kind
    /// 1-based line number in the events file.
    public let line: Int
    /// The event's seq, as far as it could be read.
    public let seq: Int?
    /// What is wrong, in a sentence.
    public let message: String

    /// A problem; see the properties.
    public init(_ kind: Kind, line: Int, seq: Int?, _ message: String) {
        self.kind = kind
        self.line = line
        self.seq = seq
        self.message = message
    }

    /// "event #57 (line 57): …" or "line 58: …".
    public var description: String {
        if let seq { return "event #\(seq) (line \(line)): \(message)" }
        return "line \(line): \(message)"
    }
}
