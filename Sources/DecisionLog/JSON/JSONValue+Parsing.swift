extension JSONValue {
    /// The deepest nesting of arrays and objects a document may have.
    public static let maximumDepth = 64

    /// Parses one JSON document (RFC 8259) from UTF-8 bytes.
    ///
    /// Strict: no trailing commas, comments or duplicate keys; strings must be valid UTF-8 with no raw control
    /// characters; integers beyond ±2^53 and numbers beyond Double's range are refused; nesting is limited to
    /// `maximumDepth`. Throws `JSONSyntaxError` naming the first problem's position.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in
                var parser = JSONParser(buffer)
                return try parser.parseDocument()
            }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes))
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}
