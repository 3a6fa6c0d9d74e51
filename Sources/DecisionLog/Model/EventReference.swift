/// How to name an event on the command line: `12` or `#12` for a seq, a UUID, or at least 8 leading hex
/// digits of an id.
public enum EventReference: Sendable, Equatable, CustomStringConvertible {
    case seq(Int)
    case id(EventID)
    case idPrefix(String)

    /// Reads a reference; nil when `text` is none of the accepted forms.
    public init?(_ text: String) {
        let body = text.hasPrefix("#") ? String(text.dropFirst()) : text
        if let seq = Int(body), seq >= 1, body.allSatisfy(\.isASCII) {
            self = .seq(seq)
        } else if text.hasPrefix("#") {
            return nil
        } else if let id = EventID(text) {
            self = .id(id)
        } else if text.count >= 8, text.count < 36, text.utf8.allSatisfy({ Hex.value(of: $0) != nil || $0 == UInt8(ascii: "-") }) {
            self = .idPrefix(text.lowercased())
        } else {
            return nil
        }
    }

    /// Whether `event` is the one referred to.
    public func matches(_ event: Event) -> Bool {
        switch self {
        case .seq(let seq): event.seq == seq
        case .id(let id): event.id == id
        case .idPrefix(let prefix): event.id.description.hasPrefix(prefix)
        }
    }

    public var description: String {
        switch self {
        case .seq(let seq): "#\(seq)"
        case .id(let id): id.description
        case .idPrefix(let prefix): prefix
        }
    }
}
