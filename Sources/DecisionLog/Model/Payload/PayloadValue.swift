/// A Swift type that a payload field can hold, with its JSON form both ways.
public protocol PayloadValue: Sendable, Equatable {
    /// What the JSON looks like.
    static var shape: FieldShape { get }
    /// A stand-in used only while a reader collects problems; never stored (the reader then throws).
    static var placeholder: Self { get }
    /// Reads the value; throws a problem naming what was expected and what was given.
    init(json: JSONValue) throws(FieldProblem)
    /// The value's JSON form.
    var json: JSONValue { get }
}

/// The longest text a field may hold, in characters.
public let maximumTextLength = 10_000

extension String: PayloadValue {
    public static var shape: FieldShape { .text }
    public static var placeholder: String { "" }

    /// Reads a text: trimmed of surrounding whitespace, not empty, no control characters but tab and newline.
    public init(json: JSONValue) throws(FieldProblem) {
        guard case .string(let raw) = json else { throw .expected(.text, got: json) }
        let trimmed = raw.trimmingWhitespace
        guard !trimmed.isEmpty else { throw FieldProblem("must not be empty") }
        // A text of at most that many bytes has at most that many characters: counting them is rarely needed.
        guard trimmed.utf8.count <= maximumTextLength || trimmed.count <= maximumTextLength else {
            throw FieldProblem("is \(trimmed.count) characters long; at most \(maximumTextLength) are allowed")
        }
        // The control characters are single bytes in UTF-8, found without decoding scalars.
        if trimmed.utf8.withContiguousStorageIfAvailable(ByteSearch.hasControlBesidesTabAndNewline) ?? true,
           let bad = trimmed.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }) {
            throw FieldProblem("contains the control character U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)); remove it")
        }
        self = trimmed
    }

    public var json: JSONValue { .string(self) }
}

extension Double: PayloadValue {
    public static var shape: FieldShape { .number }
    public static var placeholder: Double { 0 }

    public init(json: JSONValue) throws(FieldProblem) {
        guard case .number(let n) = json else { throw .expected(.number, got: json) }
        self = n
    }

    public var json: JSONValue { .number(self) }
}

extension Int: PayloadValue {
    public static var shape: FieldShape { .integer }
    public static var placeholder: Int { 0 }

    public init(json: JSONValue) throws(FieldProblem) {
        guard case .number(let n) = json, n == n.rounded(), abs(n) <= 9_007_199_254_740_991 else {
            throw .expected(.integer, got: json)
        }
        self = Int(n)
    }

    public var json: JSONValue { .number(Double(self)) }
}

extension CalendarDate: PayloadValue {
    public static var shape: FieldShape { .date }
    public static var placeholder: CalendarDate { CalendarDate(dayNumber: 0) }

    public init(json: JSONValue) throws(FieldProblem) {
        guard case .string(let text) = json else { throw .expected(.date, got: json) }
        do throws(TimeFormatError) { self = try CalendarDate(parsing: text) } catch { throw .expected(.date, got: json, because: error.problem) }
    }

    public var json: JSONValue { .string(description) }
}

extension Timeframe: PayloadValue {
    public static var shape: FieldShape { .timeframe }
    public static var placeholder: Timeframe { try! Timeframe(parsing: "2000") }

    public init(json: JSONValue) throws(FieldProblem) {
        guard case .string(let text) = json else { throw .expected(.timeframe, got: json) }
        do throws(TimeFormatError) { self = try Timeframe(parsing: text) } catch { throw .expected(.timeframe, got: json, because: error.problem) }
    }

    public var json: JSONValue { .string(description) }
}

extension EventID: PayloadValue {
    public static var shape: FieldShape { .eventID }
    public static var placeholder: EventID { EventID(high: 0, low: 0) }

    public init(json: JSONValue) throws(FieldProblem) {
        guard case .string(let text) = json, let id = EventID(text) else { throw .expected(.eventID, got: json) }
        self = id
    }

    public var json: JSONValue { .string(description) }
}

extension Subject: PayloadValue {
    public static var shape: FieldShape { .subject }
    public static var placeholder: Subject { Subject("placeholder/none")! }

    public init(json: JSONValue) throws(FieldProblem) {
        guard case .string(let text) = json else { throw .expected(.subject, got: json) }
        if let problem = Subject.problem(with: text) { throw .expected(.subject, got: json, because: problem) }
        self.init(text)!
    }

    public var json: JSONValue { .string(text) }
}

extension JSONValue: PayloadValue {
    public static var shape: FieldShape { .textOrInteger }
    public static var placeholder: JSONValue { .null }
    public init(json: JSONValue) throws(FieldProblem) { self = json }
    public var json: JSONValue { self }
}

extension Array: PayloadValue where Element: PayloadValue {
    public static var shape: FieldShape { .list(Element.shape) }
    public static var placeholder: [Element] { [] }

    /// Reads a list; a problem inside names the element's index, e.g. `[2]`.
    public init(json: JSONValue) throws(FieldProblem) {
        guard case .array(let elements) = json else { throw .expected(.list(Element.shape), got: json) }
        var values: [Element] = []
        values.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do throws(FieldProblem) { values.append(try Element(json: element)) } catch {
                throw FieldProblem(error.message, subpath: "[\(index)]" + error.subpath)
            }
        }
        self = values
    }

    public var json: JSONValue { .array(map(\.json)) }
}

extension PayloadChoice {
    public static var shape: FieldShape { .choice(allCases.map(\.rawValue)) }
    public static var placeholder: Self { allCases.first! }

    /// Reads one of the words; a near miss is answered with "did you mean …?".
    public init(json: JSONValue) throws(FieldProblem) {
        guard case .string(let text) = json else { throw .expected(Self.shape, got: json) }
        if let value = Self(rawValue: text) { self = value; return }
        if let value = Self(rawValue: text.lowercased()) { self = value; return }
        let hint = NearestName.suggestion(for: text, among: Self.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" }
        throw .expected(Self.shape, got: json, because: hint)
    }

    public var json: JSONValue { .string(rawValue) }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmingWhitespace: String {
        // Most texts start and end with a visible ASCII character: nothing to trim, no Unicode lookup.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
