/// Text from the log or the command line, made safe to show: a teammate's subject, reason or type name may
/// hold bytes that steer a terminal (an escape sequence that retitles the window, rewrites the screen or
/// plants a link) or reverse the order of what is read (a bidirectional override). Every front end shows
/// text through these, so what reaches a screen is what the log holds, visibly.
extension String {
    /// The text with every character that could act on a terminal or reorder what is read — the C0 controls
    /// but newline and tab, DEL, the C1 controls, and the bidirectional marks, embeddings, overrides and
    /// isolates — written as a visible `\uXXXX` escape (JSON's form, so escaped JSON stays valid JSON).
    public var escapingControls: String {
        // Every scalar that needs an escape is a control byte in UTF-8, or begins with 0xC2 (C1 controls), 0xD8
        // (U+061C) or 0xE2 (the direction marks); text with none is returned as it is, unread scalar by scalar.
        let mayNeedEscape = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { byte in (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 }
        } ?? true
        guard mayNeedEscape, unicodeScalars.contains(where: \.needsEscapeForDisplay) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard scalar.needsEscapeForDisplay else { out.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            out.append(contentsOf: "\\u\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)".unicodeScalars)
        }
        return String(out)
    }

    /// The text as a message quotes a value: escaped as `escapingControls`, and when longer than 80
    /// characters, its first 40 and how long it was — so a pasted megabyte does not come back as a megabyte.
    public var quotedForMessage: String {
        let text = count <= 80 ? self : "\(prefix(40))… (\(count) characters)"
        return text.escapingControls
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is one `escapingControls` writes as an escape.
    var needsEscapeForDisplay: Bool {
        switch value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
