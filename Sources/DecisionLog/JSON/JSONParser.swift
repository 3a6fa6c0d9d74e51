/// A recursive-descent parser over a byte buffer that is valid for its lifetime.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    private(set) var position = 0
    private var depth = 0
    /// Whether to note, while parsing, if the text is in canonical form (see `isCanonicalSoFar`).
    private let checksForm: Bool
    /// With `checksForm`: false once anything parsed is not as the canonical writer puts it (whitespace, keys
    /// out of order, a number in another spelling); strings with escapes are not judged (`sawEscape`).
    private(set) var isCanonicalSoFar = true
    /// Whether a string parsed so far had an escape, whose canonical spelling the caller must check.
    private(set) var sawEscape = false

    /// A parser of `bytes`; with `checkingForm`, it also notes whether they are canonical as it goes.
    init(_ bytes: UnsafeBufferPointer<UInt8>, checkingForm: Bool = false) {
        self.bytes = bytes
        checksForm = checkingForm
    }

    /// Consumes `literal` if the input continues with exactly it; returns whether it did.
    mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for i in 0..<count where bytes[position + i] != start[i] { return false }
        position += count
        return true
    }

    /// The next `count` bytes, consumed; nil when fewer remain.
    mutating func take(count: Int) -> UnsafeBufferPointer<UInt8>? {
        guard position + count <= bytes.count else { return nil }
        defer { position += count }
        return UnsafeBufferPointer(rebasing: bytes[position..<position + count])
    }

    /// A non-negative decimal integer without sign, fraction or leading zero (as canonical JSON writes it),
    /// consumed; nil when none is there.
    mutating func takeInteger() -> Int? {
        var value = 0
        let start = position
        if position + 1 < bytes.count, bytes[position] == 0x30, bytes[position + 1] >= 0x30, bytes[position + 1] <= 0x39 { return nil }
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39, position - start < 18 {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        return position > start ? value : nil
    }

    /// Steps over a string starting here (its quotes, and any escape inside it) without reading it; returns
    /// false, having consumed nothing, when no string starts here or it does not end.
    mutating func skipString() -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return false }
        var at = position + 1
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "\\"): at += 2
            case UInt8(ascii: "\""):
                position = at + 1
                return true
            default: at += 1
            }
        }
        return false
    }

    /// Parses one value starting here (no surrounding whitespace allowed after it).
    mutating func parseValueHere() throws(JSONSyntaxError) -> JSONValue { try parseValue() }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if position == bytes.count { throw error("the input is empty; expected a JSON value") }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count { throw error("unexpected \(describe(bytes[position])) after the JSON value") }
        return value
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let at = min(offset ?? position, bytes.count)
        var line = 1, column = 1
        for i in 0..<at {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return JSONSyntaxError(offset: at, line: line, column: column, message: message)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0 { return "a NUL byte" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09:
                position += 1
                isCanonicalSoFar = false
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input; expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describe(bytes[position])); expected a value")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        guard position + count <= bytes.count else { throw error("unexpected end of input; expected '\(word)'") }
        for i in 0..<count where bytes[position + i] != start[i] {
            throw error("unexpected \(describe(bytes[position])); expected a value")
        }
        position += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONValue.maximumDepth {
            throw error("nesting deeper than \(JSONValue.maximumDepth) levels; flatten the document")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var members = JSONObject()
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1; depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describe(bytes[position])); expected a quoted object key")
            }
            let keyOffset = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after the object key \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            if checksForm, let last = members.members.last, !JSONObject.precedes(last.key, key) { isCanonicalSoFar = false }
            if !members.insertNew(key, value) {
                throw error("the key \"\(key)\" appears twice in one object", at: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; depth -= 1; return .object(members)
            default: throw error("unexpected \(describe(bytes[position])); expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1; depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an array") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; depth -= 1; return .array(elements)
            default: throw error("unexpected \(describe(bytes[position])); expected ',' or ']' in an array")
            }
        }
    }

    /// Parses a string starting at its opening quote; validates UTF-8 and escapes.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a string")
        }
        let start = position
        position += 1
        var runStart = position
        var decoded: [UInt8]? = nil
        while true {
            // Plain bytes (no quote, backslash or control character) are skipped 8 at a time, tested as one word.
            while position + 8 <= bytes.count, JSONParser.isPlain(UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self)) {
                position += 8
            }
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                position += 1
                if var decoded {
                    decoded.append(contentsOf: run)
                    return try decoded.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> String in try validated(buffer, stringStart: start) }
                }
                return try validated(run, stringStart: start)
            }
            if byte < 0x20 {
                throw error("a raw control character (\(describe(byte))) inside a string; escape it")
            }
            if byte == UInt8(ascii: "\\") {
                sawEscape = true
                if decoded == nil { decoded = [] }
                decoded!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try parseEscape(into: &decoded!)
                runStart = position
                continue
            }
            position += 1
        }
    }

    /// Whether none of the 8 bytes in `word` is a quote, a backslash or a control character (below 0x20): the
    /// bit tricks that find a zero byte in a word, applied to the word xor each wanted byte.
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22), backslashes = word ^ (ones &* 0x5C)
        let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
        return special & highs == 0
    }

    private func validated(_ utf8: UnsafeBufferPointer<UInt8>, stringStart: Int) throws(JSONSyntaxError) -> String {
        // ASCII, the usual case, needs no validation: copy it straight into the string.
        var high: UInt8 = 0
        for byte in utf8 { high |= byte }
        if high < 0x80 {
            return String(unsafeUninitializedCapacity: utf8.count) { _ = $0.initialize(fromContentsOf: utf8); return utf8.count }
        }
        if let string = String(validating: utf8, as: UTF8.self) { return string }
        // Find the first bad byte for the message.
        var offset = stringStart + 1
        var iterator = utf8.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw error("invalid UTF-8 in a string; the input must be UTF-8 text", at: offset)
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(JSONSyntaxError) {
        position += 1
        guard position < bytes.count else { throw error("unterminated escape sequence") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("a lone UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string") }
                position += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("a lone UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("a lone UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string")
            }
            output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw error("an invalid escape sequence '\\\(Character(Unicode.Scalar(byte)))' in a string",
                        at: position - 2)
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("a '-' must be followed by digits") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count && isDigit(bytes[position]) {
                throw error("numbers may not have leading zeros", at: start)
            }
        } else {
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a '.' must be followed by digits") }
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("an exponent must have digits") }
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<position])
        // An integer of up to 15 digits is exact in a double: read without the C library. "-0" is the only one
        // the canonical writer spells otherwise ("0").
        if isInteger, digits.count - (digits[0] == UInt8(ascii: "-") ? 1 : 0) <= 15 {
            var magnitude: Int64 = 0
            for byte in digits where byte != UInt8(ascii: "-") { magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0")) }
            if magnitude == 0 && digits.count > 1 { isCanonicalSoFar = false }
            return digits[0] == UInt8(ascii: "-") ? -Double(magnitude) : Double(magnitude)
        }
        let text = String(decoding: digits, as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("the number \(text.prefix(40)) is beyond the range of a 64-bit float", at: start)
        }
        if isInteger && abs(value) > 9_007_199_254_740_991 {
            throw error("the integer \(text.prefix(40)) is too large to store exactly (limit ±9007199254740991)", at: start)
        }
        if checksForm && isCanonicalSoFar {
            var canonical: [UInt8] = []
            CanonicalJSON.appendNumber(value, to: &canonical)
            if !canonical.elementsEqual(digits) { isCanonicalSoFar = false }
        }
        return value
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
