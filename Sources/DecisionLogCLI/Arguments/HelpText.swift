/// Help pages in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, then sections.
enum HelpText {
    /// The column descriptions start at.
    static let descriptionColumn = 26
    /// The width text is wrapped to.
    static let width = 80

    /// The full help page of `spec`.
    static func page(_ spec: CommandSpec) -> String {
        var out = "OVERVIEW: \(spec.abstract)\n\n"
        if let discussion = spec.discussion { out += wrap(discussion, indent: 0) + "\n\n" }
        out += "USAGE: \(spec.usageLine)\n"
        if !spec.arguments.isEmpty {
            out += "\nARGUMENTS:\n" + spec.arguments.map { row($0.name, $0.help) }.joined()
        }
        out += "\nOPTIONS:\n" + (spec.options + [CommandSpec.helpOption]).map { row($0.label, $0.help) }.joined()
        if !spec.subcommands.isEmpty {
            out += "\nSUBCOMMANDS:\n" + spec.subcommands.map { row($0.name, $0.abstract) }.joined()
            out += "\n  See 'decisionlog help \(spec.name) <subcommand>' for detailed help.\n"
        }
        for section in spec.sections {
            out += "\n\(section.title):\n" + section.options.map { row($0.label, $0.help) }.joined()
        }
        return out
    }

    /// One help row: `  label` padded to the description column, then the wrapped text.
    static func row(_ label: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: descriptionColumn)
        let head = "  " + label
        let text = wrap(help, indent: descriptionColumn)
        let body = String(text.dropFirst(descriptionColumn))
        if head.count <= descriptionColumn - 2 {
            return head + String(repeating: " ", count: descriptionColumn - head.count) + body + "\n"
        }
        return head + "\n" + indent + body + "\n"
    }

    /// `text` wrapped to `width` with every line indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && indent + line.count + 1 + word.count > width {
                    lines.append(pad + line)
                    line = String(word)
                } else {
                    line += (line.isEmpty ? "" : " ") + word
                }
            }
            lines.append(line.isEmpty ? "" : pad + line)
        }
        return lines.joined(separator: "\n")
    }
}
