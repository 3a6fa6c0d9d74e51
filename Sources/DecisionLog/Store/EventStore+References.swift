extension EventStore {
    /// Resolves `text` as a reference to one event: a seq (`12`, `#12`), an id, or an id's first 8 or more
    /// hex digits. With `digitsMayStartAnID` (for reading, never for a reference a new event records), digits
    /// alone that name no seq are tried as an id's start when there are 8 or more of them. Throws what reading
    /// the log throws.
    public func lookUp(_ text: String, digitsMayStartAnID: Bool = false) throws -> EventLookup {
        guard let reference = EventReference(text) else { return .notAReference }
        var found = try events(matching: reference)
        if found.isEmpty, digitsMayStartAnID, case .seq = reference, !text.hasPrefix("#"), text.count >= 8 {
            found = try events(matching: .idPrefix(text))  // digits only, but long enough to be an id's start
        }
        switch found.count {
        case 0: return .missing(reference)
        case 1: return .found(found[0])
        default: return .ambiguous(found.count)
        }
    }
}
