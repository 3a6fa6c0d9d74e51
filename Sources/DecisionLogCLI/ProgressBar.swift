import DecisionLog

/// A progress bar on standard error for long work, drawn only when standard error is a terminal, once the work
/// has taken `$DECISIONLOG_PROGRESS_DELAY` milliseconds (default 300), at most ten times a second, and wiped
/// when the work ends: `Verifying  [#########...............]  45%  234.9 MB of 519.4 MB`.
final class ProgressBar {
    private let console: Console
    private let label: String
    private var lastDrawn: Int64 = 0
    private var drawn = false
    private let start = ProcessFacts.monotonicMilliseconds()
    /// Work that ends sooner than this is never shown.
    private let delay: Int64

    /// A bar for `label` in `context`'s console; silent unless its standard error is a terminal.
    init(_ label: String, in context: CommandContext) {
        console = context.console
        self.label = label
        delay = context.environment["DECISIONLOG_PROGRESS_DELAY"].flatMap { Int64($0) } ?? 300
    }

    /// Shows `done` of `total` bytes.
    func update(_ done: Int64, of total: Int64) {
        guard console.errorIsTerminal, total > 0 else { return }
        let now = ProcessFacts.monotonicMilliseconds()
        guard now - start >= delay, now - lastDrawn >= 100 else { return }
        lastDrawn = now
        let fraction = min(1, Double(done) / Double(total))
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        console.writeProgress("\r\u{1B}[K\(label)  [\(bar)]  \(Int(fraction * 100))%  \(CheckpointCommand.megabytes(done)) of \(CheckpointCommand.megabytes(total))")
        drawn = true
    }

    /// Wipes the bar, if it was drawn.
    func finish() {
        if drawn { console.writeProgress("\r\u{1B}[K") }
        drawn = false
    }
}
