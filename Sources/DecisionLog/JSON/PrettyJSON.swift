/// Re-indents compact JSON for people, keeping the members in the order they were written.
public enum PrettyJSON {
    /// `compact` (valid JSON without insignificant whitespace) laid out with two-space indentation.
    public static func format(_ compact: some Sequence<UInt8>, indent base: Int = 0) -> String {
        var output: [UInt8] = []
        var depth = base
        var inString = false
        var escaped = false
        var previous: UInt8 = 0
        func newline() {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        for byte in compact {
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                previous = byte
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                output.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                output.append(byte)
                depth += 1
                newline()
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if previous == UInt8(ascii: "{") || previous == UInt8(ascii: "[") {
                    // Empty container: undo the line break written after the opening bracket.
                    while let last = output.last, last == UInt8(ascii: " ") || last == 0x0A { output.removeLast() }
                } else {
                    newline()
                }
                output.append(byte)
            case UInt8(ascii: ","):
                output.append(byte)
                newline()
            case UInt8(ascii: ":"):
                output.append(contentsOf: [byte, UInt8(ascii: " ")])
            default:
                output.append(byte)
            }
            previous = byte
        }
        return String(decoding: output, as: UTF8.self)
    }
}
