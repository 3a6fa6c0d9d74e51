import DecisionLog
import Synchronization

/// A progress bar on standard error for long work, drawn only when standard error is a terminal, once the work
/// has taken `$DECISIONLOG_PROGRESS_DELAY` milliseconds (default 300), at most ten times a second, and wiped
/// when the work ends: `Verifying  [#########...............]  45%  234.9 MB of 519.4 MB`. Work on several
/// threads may update it: its state is behind a mutex, and each drawing is one write to standard error.
final class ProgressBar: Sendable {
    /// Writes to a terminal's standard error; nil when there is none (the bar is then silent).
    private let write: (@Sendable (String) -> Void)?
    private let label: String
    /// What is counted: bytes (shown in MB) when nil, else a noun such as "drafts".
    private let unit: String?
    private let start = ProcessFacts.monotonicMilliseconds()
    /// Work that ends sooner than this is never shown.
    private let delay: Int64
    private let state = Mutex((lastDrawn: Int64(0), drawn: false))

    /// A bar for `label` in `context`'s console, counting bytes or, with `unit`, things; silent unless its
    /// standard error is a terminal.
    init(_ label: String, in context: CommandContext, unit: String? = nil) {
        write = context.console.progressWriter
        self.label = label
        self.unit = unit
        delay = context.environment["DECISIONLOG_PROGRESS_DELAY"].flatMap { Int64($0) } ?? 300
    }

    /// Shows `done` of `total`.
    func update(_ done: Int64, of total: Int64) {
        guard write != nil, total > 0 else { return }
        let fraction = min(1, Double(done) / Double(total))
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let amounts = unit.map { "\(NumberText.format(Double(done))) of \(NumberText.format(Double(total))) \($0)" }
            ?? "\(CheckpointCommand.megabytes(done)) of \(CheckpointCommand.megabytes(total))"
        draw("\(label)  [\(bar)]  \(Int(fraction * 100))%  \(amounts)", throttled: true)
    }

    /// Shows `done` of `total` things, from any thread (the shape `DraftBatch` reports in).
    func update(_ done: Int, of total: Int) { update(Int64(done), of: Int64(total)) }

    /// Shows a line of text in place of the bar (work whose progress cannot be counted), once the work so far
    /// has taken the delay.
    func status(_ text: String) { draw(text, throttled: false) }

    /// Wipes the bar, if it was drawn.
    func finish() {
        state.withLock { state in
            if state.drawn { write?("\r\u{1B}[K") }
            state.drawn = false
        }
    }

    private func draw(_ line: String, throttled: Bool) {
        guard let write else { return }
        let now = ProcessFacts.monotonicMilliseconds()
        guard now - start >= delay else { return }
        state.withLock { state in
            if throttled && now - state.lastDrawn < 100 { return }
            state.lastDrawn = now
            state.drawn = true
            write("\r\u{1B}[K" + line)
        }
    }
}
