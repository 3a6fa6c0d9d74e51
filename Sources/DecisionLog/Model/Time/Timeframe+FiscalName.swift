extension Timeframe {
    /// Reads a fiscal-year name — `FY27`, `FY2027`, `FY27-Q2`, `FY27 H1`, `FY27-09` — as the timeframe it
    /// names, for a fiscal year starting in `startMonth` and named as `naming` says; nil when `text` is not
    /// such a name. Timeframes name fiscal years by their start (`2026` is the year starting in April 2026),
    /// so with end naming FY27 is `2026` unless the year starts in January. Throws for a malformed name.
    public init?(fiscalName text: String, startMonth: Int, naming: FiscalYearNaming) throws(TimeFormatError) {
        var rest = Substring(text.trimmingWhitespace.uppercased())
        guard rest.hasPrefix("FY") else { return nil }
        rest = rest.dropFirst(2)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 2 || digits.count == 4, let named = Int(digits) else {
            throw TimeFormatError(text: text, problem: "a fiscal year is FY and its year, e.g. FY27 or FY2027, optionally with -Q1, -H2 or a month")
        }
        let year = (digits.count == 2 ? 2000 + named : named) - (naming == .end && startMonth != 1 ? 1 : 0)
        rest = rest.dropFirst(digits.count)
        if rest.first == " " || rest.first == "-" {
            rest = rest.dropFirst()
            guard !rest.isEmpty else { throw TimeFormatError(text: text, problem: "nothing follows the fiscal year; write FY27, or FY27-Q2, FY27-H1 or FY27-09") }
        }
        // Quarters and halves count within the fiscal year; a month is the calendar month inside it, in the
        // calendar year it falls in (FY27-02 is February 2027 for a year running April 2026–March 2027).
        if rest.count == 2, let month = Int(rest), (1...12).contains(month) {
            self = try Timeframe(parsing: String(year + (month < startMonth ? 1 : 0)) + "-" + rest)
            return
        }
        self = try Timeframe(parsing: String(year) + (rest.isEmpty ? "" : "-" + rest))
    }
}
