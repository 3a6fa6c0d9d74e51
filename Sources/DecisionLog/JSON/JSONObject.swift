/// A JSON object's members, kept in canonical order — keys sorted by their UTF-8 bytes, each key once — in one
/// small array: objects parsed from canonical text are built by appending, looked up without hashing, and
/// written back without sorting.
public struct JSONObject: Sendable, Hashable {
    /// One member.
    public struct Member: Sendable, Hashable {
        /// The key.
        public let key: String
        /// The value.
        public var value: JSONValue
    }

    /// The members, in canonical key order.
    public private(set) var members: [Member] = []

    /// An empty object.
    public init() {}

    /// The members of `dictionary`.
    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.map { Member(key: $0.key, value: $0.value) }.sorted { JSONObject.precedes($0.key, $1.key) }
    }

    /// The given pairs; a key given twice keeps its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    /// How many members.
    public var count: Int { members.count }
    /// Whether there are none.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys, in canonical order.
    public var keys: [String] { members.map(\.key) }
    /// The values, in the keys' order.
    public var values: [JSONValue] { members.map(\.value) }

    /// The value of `key`, or nil; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get { index(forKey: key).map { members[$0].value } }
        set {
            switch (position(of: key), newValue) {
            case (.found(let index), let value?): members[index].value = value
            case (.found(let index), nil): members.remove(at: index)
            case (.insert(let index), let value?): members.insert(Member(key: key, value: value), at: index)
            case (.insert, nil): break
            }
        }
    }

    /// Where the member `key` is in `members`, or nil when there is none.
    public func index(forKey key: String) -> Int? {
        // Reading needs no insertion point: a scan of a payload's few members for the key alone.
        if members.count <= 12 { return members.firstIndex { $0.key == key } }
        guard case .found(let index) = position(of: key) else { return nil }
        return index
    }

    /// Removes the member `key`; returns its value, or nil when there was none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard case .found(let index) = position(of: key) else { return nil }
        return members.remove(at: index).value
    }

    /// Adds a member unless `key` is present (then returns false). A key that sorts after every present one,
    /// as each does in canonical text, is appended without a search.
    mutating func insertNew(_ key: String, _ value: JSONValue) -> Bool {
        if let last = members.last, !JSONObject.precedes(last.key, key) {
            guard case .insert(let index) = position(of: key) else { return false }
            members.insert(Member(key: key, value: value), at: index)
        } else {
            members.append(Member(key: key, value: value))
        }
        return true
    }

    /// This object with `other`'s members added; where both have a key, `combine` picks the value.
    public func merging(_ other: JSONObject, uniquingKeysWith combine: (JSONValue, JSONValue) -> JSONValue) -> JSONObject {
        var result = self
        for member in other.members { result[member.key] = self[member.key].map { combine($0, member.value) } ?? member.value }
        return result
    }

    /// The members that satisfy `isIncluded`.
    public func filter(_ isIncluded: (Element) -> Bool) -> JSONObject {
        var result = JSONObject()
        result.members = members.filter { isIncluded(($0.key, $0.value)) }
        return result
    }

    /// Whether `a` comes before `b` in canonical order (their UTF-8 bytes).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                ByteSearch.precedes(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y))
            }
        }
    }

    private enum Position { case found(Int), insert(Int) }

    private func position(of key: String) -> Position {
        // Objects are small: a linear scan over short keys beats hashing them.
        if members.count <= 12 {
            for (index, member) in members.enumerated() where member.key == key { return .found(index) }
            return .insert(members.firstIndex { JSONObject.precedes(key, $0.key) } ?? members.count)
        }
        var low = 0, high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key == key { return .found(middle) }
            if JSONObject.precedes(members[middle].key, key) { low = middle + 1 } else { high = middle }
        }
        return .insert(low)
    }
}

extension JSONObject: Sequence {
    /// A member as a (key, value) pair, as a dictionary's.
    public typealias Element = (key: String, value: JSONValue)

    /// Walks the members in canonical order.
    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Member]>
        /// The next member, or nil at the end.
        public mutating func next() -> Element? { base.next().map { ($0.key, $0.value) } }
    }

    /// The members in canonical order.
    public func makeIterator() -> Iterator { Iterator(base: members.makeIterator()) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object from a literal; a key given twice keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
