/// JSON whose object members keep the order they were given in, for output people read (views, diffs,
/// histories). Written compact or indented.
public indirect enum OrderedJSON: Sendable {
    case value(JSONValue)
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])

    /// The compact text.
    public var compactBytes: [UInt8] {
        var out: [UInt8] = []
        append(to: &out)
        return out
    }

    /// The text indented two spaces a level, with a final newline.
    public var pretty: String { PrettyJSON.format(compactBytes) + "\n" }

    private func append(to out: inout [UInt8]) {
        switch self {
        case .value(let v): v.appendCanonical(to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
