/// Why a file of drafts cannot be read as drafts at all (nothing was read from it).
public enum DraftStreamError: Error, Sendable, Equatable {
    /// The file cannot be read.
    case unreadable(SystemError)
    /// The file is read as CSV but is not CSV.
    case notCSV(CSVSyntaxError)
    /// The CSV header does not say what its columns hold.
    case badHeader(CSVHeaderError)
    /// The file holds no draft (CSV: no row below its header).
    case empty(csv: Bool)
    /// A CSV record starting at byte `start` is longer than `DraftStream.longestLine` (a JSON Lines line that
    /// long is a draft refused on its line instead).
    case overlong(start: Int64)
    /// The file changed while it was read twice.
    case changed
}
