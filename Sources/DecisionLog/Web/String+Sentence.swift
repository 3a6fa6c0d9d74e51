extension String {
    /// The text with its first letter capitalised and the rest as it is: "as of now" → "As of now".
    var sentenceStart: String { prefix(1).uppercased() + dropFirst() }
}
