/// Where each page lives: its path and query on the server, percent-encoded, parameters in one order so one
/// state has one address.
public enum WebLinks {
    /// The page's address, e.g. `/views/launches?as-of=2025-Q2`; with `json`, the address of its data form
    /// (JSON; Markdown for the report).
    public static func href(_ page: WebPage, json: Bool = false) -> String {
        let suffix = json ? ".json" : ""
        // A name ending in ".json" or ".md" would read as a data form's suffix: its last dot is encoded.
        func named(_ path: String) -> String {
            guard path.hasSuffix(".json") || path.hasSuffix(".md"), let dot = path.lastIndex(of: ".") else { return path }
            return path[..<dot] + "%2E" + path[path.index(after: dot)...]
        }
        switch page {
        case .dashboard(let moment):
            return (json ? "/index.json" : "/") + query(moment.pairs)
        case .view(let name, let moment, let subject):
            return named("/views/" + segment(name)) + suffix + query(moment.pairs + [("subject", subject)])
        case .diff(let from, let to, let known, let subject):
            return "/diff" + suffix + query([("from", from), ("to", to), ("known-at", known), ("subject", subject)])
        case .subject(let subject, let known):
            return named("/subjects/" + subject.split(separator: "/", omittingEmptySubsequences: false).map { segment(String($0)) }.joined(separator: "/"))
                + suffix + query([("known-at", known)])
        case .person(let name, let moment):
            return named("/people/" + segment(name)) + suffix + query(moment.pairs)
        case .event(let seq):
            return "/events/\(seq)" + suffix
        case .report(let from, let to, let known):
            return "/report" + (json ? ".md" : "") + query([("from", from), ("to", to), ("known-at", known)])
        case .search(let text):
            return "/search" + suffix + query([("q", text)])
        }
    }

    /// `text` percent-encoded for a path segment or a query value: only unreserved characters stay as they are,
    /// and `.` and `..` are encoded whole, so a name never walks up a path.
    public static func segment(_ text: String) -> String {
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    /// `?name=value&…` for the pairs with a value, or nothing.
    private static func query(_ pairs: [(String, String?)]) -> String {
        let given = pairs.compactMap { name, value in value.map { "\(name)=\(segment($0))" } }
        return given.isEmpty ? "" : "?" + given.joined(separator: "&")
    }
}

extension WebMoment {
    /// The moment's query parameters.
    var pairs: [(String, String?)] { [("as-of", asOf), ("known-at", known)] }
}
