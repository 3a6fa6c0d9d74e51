/// A number as spreadsheets write it (docs/rules.md, "Numbers in spreadsheets"): `4.5%`, `8,400`, `$8,400`,
/// `8400 EUR`, `−3`, and in a semicolon-separated file — the format of locales that write decimal commas —
/// `4,5` and `8.400,5`. Read only when unambiguous; otherwise refused with the spelling that is accepted.
enum CSVNumber {
    /// The currency codes a number may carry (ISO 4217, the ones teams report in); any other word — `MIO`,
    /// `TSD`, `k` — makes the text no number at all, so a magnitude is never silently dropped.
    static let currencies: Set<String> = [
        "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "CAD", "AUD", "NZD", "SGD",
        "HKD", "INR", "BRL", "MXN", "ZAR", "KRW", "ILS", "TRY", "AED", "SAR",
    ]

    /// Whether `text` is ASCII digits after an optional minus, and (with `decimalPoint`) at most one point
    /// followed by more digits.
    private static func isPlain(_ text: String, decimalPoint: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = bytes.first == UInt8(ascii: "-") ? 1 : 0
            func digits() -> Bool {
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                return index > start
            }
            guard digits() else { return false }
            if decimalPoint, index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() else { return false }
            }
            return index == bytes.count
        }
    }

    /// Why a cell is not a number this file can hold unambiguously.
    struct Problem: Error {
        let message: String
    }

    /// The number `text` spells in a file that uses decimal commas (`decimalComma`, a semicolon-separated
    /// file) or decimal points; a problem when it is ambiguous or wrongly grouped; nil when it is not a
    /// number at all (validation then says what the field expects).
    static func read(_ text: String, decimalComma: Bool) -> Result<Double, Problem>? {
        // Digits after an optional minus, with a decimal point in a file that writes one, read as they are:
        // what the rules below make of such a text (a comma file takes a point for a thousands group).
        if isPlain(text, decimalPoint: !decimalComma), let value = Double(text), value.isFinite { return .success(value) }
        var body = Substring(text.trimmingWhitespace)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("−") { negative = true; body = body.dropFirst() }
        // A currency before or after (a symbol, or an ISO code), a percent sign after.
        for symbol in ["$", "€", "£", "¥"] where body.hasPrefix(symbol) { body = body.dropFirst() }
        if body.count > 3, currencies.contains(String(body.prefix(3))) { body = body.dropFirst(3) }
        body = Substring(String(body).trimmingWhitespace)
        if body.hasSuffix("%") { body = body.dropLast() }
        for symbol in ["$", "€", "£", "¥"] where body.hasSuffix(symbol) { body = body.dropLast() }
        if body.count > 3, currencies.contains(String(body.suffix(3))) { body = body.dropLast(3) }
        body = Substring(String(body).trimmingWhitespace)
        if !negative && (body.hasPrefix("-") || body.hasPrefix("−")) { negative = true; body = body.dropFirst() }
        guard let first = body.first, first.isNumber || first == "." || first == "," else { return nil }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == " ") }) else { return nil }

        let (decimal, group): (Character, Character) = decimalComma ? (",", ".") : (".", ",")
        let parts = body.split(separator: decimal, omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            return .failure(Problem(message: "'\(text)' has more than one decimal \(decimalComma ? "comma" : "point")"))
        }
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard !fraction.contains(group), !fraction.contains(" ") else {
            return .failure(Problem(message: "'\(text)' is not a number: a \(group == "," ? "comma" : "point") cannot follow the decimal \(decimalComma ? "comma" : "point")"))
        }
        // Thousands: groups of exactly three digits after the first (a space may group them too).
        let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: { $0 == group || $0 == " " })
        let grouped = groups.count > 1
        if grouped {
            let valid = (1...3).contains(groups[0].count) && groups[0].first != "0" && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard valid else {
                let spelled = decimalComma
                    ? "this file separates fields with semicolons, so it writes decimals with a comma (4,5) and may group thousands with points (8.400)"
                    : "this file writes decimals with a point (4.5) and may group thousands with commas (8,400)"
                return .failure(Problem(message: "'\(text)' is not a number here: \(spelled)"))
            }
            // In a decimal-comma file, "8.400" alone could be 8400 or 8.4: refuse it.
            if decimalComma && parts.count == 1 && whole.contains(".") {
                let decimals = String(groups.dropFirst().joined().reversed().drop { $0 == "0" }.reversed())
                let small = decimals.isEmpty ? String(groups[0]) : "\(groups[0]),\(decimals)"
                return .failure(Problem(message: "'\(text)' could be \(groups.joined()) or \(small): write \(groups.joined()) for the whole number, or \(small) with a decimal comma"))
            }
        }
        let plain = groups.joined() + (fraction.isEmpty ? "" : "." + fraction)
        guard let value = Double(String(plain)), value.isFinite else { return nil }
        return .success(negative ? -value : value)
    }
}
