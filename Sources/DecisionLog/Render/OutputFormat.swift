/// The formats views, diffs, histories and blame can be written in.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// An aligned table for people.
    case table
    /// JSON for programs (shapes documented in docs/views.md).
    case json
    /// CSV with a header row, for spreadsheets.
    case csv
    /// Markdown tables, for Notion, Confluence or Slack.
    case markdown
}
