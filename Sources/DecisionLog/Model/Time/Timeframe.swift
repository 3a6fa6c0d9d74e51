/// A planning period named the way teams name them: a year `2025`, a half `2025-H2`, a quarter `2025-Q3`
/// or a month `2025-09`. Quarters and halves count from the log's fiscal-year start.
public struct Timeframe: Sendable, Hashable, CustomStringConvertible {
    /// How long the period is.
    public enum Span: Sendable, Hashable {
        case year
        case half(Int)
        case quarter(Int)
        case month(Int)
    }

    /// The (fiscal) year the period belongs to.
    public let year: Int
    /// Which part of the year.
    public let span: Span

    /// Parses `YYYY`, `YYYY-Hn`, `YYYY-Qn` or `YYYY-MM`; throws a message naming what is wrong.
    public init(parsing text: String) throws(TimeFormatError) {
        let b = Array(text.utf8)
        let expected = "not a timeframe; use a year (2025), half (2025-H2), quarter (2025-Q3) or month (2025-09)"
        guard b.count >= 4, let year = Digits.read(b, at: 0, count: 4), year >= 1 else {
            throw TimeFormatError(text: text, problem: expected)
        }
        self.year = year
        if b.count == 4 { span = .year; return }
        guard b.count >= 6, b[4] == UInt8(ascii: "-") else { throw TimeFormatError(text: text, problem: expected) }
        switch b[5] {
        case UInt8(ascii: "Q"), UInt8(ascii: "q"):
            guard b.count == 7, let q = Digits.read(b, at: 6, count: 1) else {
                throw TimeFormatError(text: text, problem: expected)
            }
            guard (1...4).contains(q) else { throw TimeFormatError(text: text, problem: "quarter \(q) is not between 1 and 4") }
            span = .quarter(q)
        case UInt8(ascii: "H"), UInt8(ascii: "h"):
            guard b.count == 7, let h = Digits.read(b, at: 6, count: 1) else {
                throw TimeFormatError(text: text, problem: expected)
            }
            guard (1...2).contains(h) else { throw TimeFormatError(text: text, problem: "half \(h) is not 1 or 2") }
            span = .half(h)
        default:
            guard b.count == 7, let m = Digits.read(b, at: 5, count: 2) else {
                throw TimeFormatError(text: text, problem: expected)
            }
            guard (1...12).contains(m) else { throw TimeFormatError(text: text, problem: "month \(m) is not between 1 and 12") }
            span = .month(m)
        }
    }

    /// The canonical text: `2025`, `2025-H2`, `2025-Q3` or `2025-09`.
    public var description: String {
        var out: [UInt8] = []
        Digits.append(year, width: 4, to: &out)
        switch span {
        case .year: break
        case .half(let h): out.append(contentsOf: Array("-H\(h)".utf8))
        case .quarter(let q): out.append(contentsOf: Array("-Q\(q)".utf8))
        case .month(let m): out.append(UInt8(ascii: "-")); Digits.append(m, width: 2, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
