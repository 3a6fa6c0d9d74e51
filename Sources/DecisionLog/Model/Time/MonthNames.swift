/// Month names and numbers.
public enum MonthNames {
    /// The months' English names, lowercase, January first.
    public static let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                               "october", "november", "december"]

    /// 1–12 for a number or an English month name or its first three letters or more.
    public static func number(_ text: String) -> Int? {
        if let n = Int(text), (1...12).contains(n) { return n }
        let lower = text.lowercased()
        guard lower.count >= 3 else { return nil }
        return names.firstIndex { $0.hasPrefix(lower) }.map { $0 + 1 }
    }
}
