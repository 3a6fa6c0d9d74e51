/// JSON's value kinds, as `type` names them.
enum JSONKind: String, CaseIterable {
    case null, boolean, object, array, number, integer, string

    /// Whether `value` is of this kind (an integral number is also an integer).
    func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array), (.number, .number), (.string, .string): true
        case (.integer, .number(let n)): n == n.rounded() && n.isFinite
        default: false
        }
    }
}
