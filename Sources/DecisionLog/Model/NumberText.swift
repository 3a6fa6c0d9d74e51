/// Numbers and measures written for people: `4.5%`, `6 weeks`, `1,200,000 EUR`.
public enum NumberText {
    /// `value` without a needless fraction, with thousands separated by commas from 10,000 up, and a
    /// typographic minus sign (−) for negatives.
    public static func format(_ value: Double) -> String {
        value < 0 ? "−" + unsigned(-value) : unsigned(value)
    }

    private static func unsigned(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            let integer = Int64(value)
            return abs(integer) >= 10_000 ? grouped(integer) : String(integer)
        }
        if abs(value) >= 10_000 && abs(value) < 1e15 {
            let whole = Int64(value.rounded(.towardZero))
            let fraction = String(abs(value - Double(whole)).description.dropFirst())  // ".5"
            return grouped(whole) + (fraction.hasPrefix(".") ? String(fraction.prefix(3)) : "")
        }
        let rounded = (value * 1000).rounded() / 1000
        return rounded.description
    }

    /// A whole number with its sign: "+21", "−14", "0".
    public static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0" }

    /// `value` with its unit: `4.5%`, `6 weeks`, `1 day`, `4 months`, `6.3×`, `8,400 EUR` — money always with
    /// its thousands separated and its currency code, when the metric names one, on every value.
    public static func format(_ value: Double, unit: MeasureUnit?, currency: String? = nil) -> String {
        let number = format(value)
        switch unit {
        case .percent?: return number + "%"
        case .days?: return number + (value == 1 ? " day" : " days")
        case .weeks?: return number + (value == 1 ? " week" : " weeks")
        case .months?: return number + (value == 1 ? " month" : " months")
        case .ratio?: return number + "×"
        case .currency?: return money(value) + (currency.map { " " + $0 } ?? "")
        case .count?, nil: return number
        }
    }

    /// An amount of money: thousands separated from 1,000 up, cents when there are any.
    private static func money(_ value: Double) -> String {
        let cents = (abs(value) * 100).rounded()
        guard cents < 1e17 else { return format(value) }
        let whole = Int64(cents / 100), fraction = Int64(cents) % 100
        let text = grouped(whole) + (fraction == 0 ? "" : "." + (fraction < 10 ? "0" : "") + String(fraction))
        return value < 0 ? "−" + text : text
    }

    private static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }
}
