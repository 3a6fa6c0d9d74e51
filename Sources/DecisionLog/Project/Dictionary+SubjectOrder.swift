extension Dictionary where Key == Subject, Value: Sendable {
    /// `transform` of each subject and its record, in subject order, run on every core: a view's rows each read
    /// only their own subject's record, so a view of tens of thousands of subjects is built on both cores. Runs
    /// on the calling thread for fewer than `minimum` subjects (for work so small a thread costs more).
    func mapInSubjectOrder<Output>(minimum: Int = 256, _ transform: @escaping @Sendable (Subject, Value) -> Output) -> [Output] {
        let entries = sorted { $0.key < $1.key }
        return ParallelMapping.map(count: entries.count, minimum: minimum) { { index in transform(entries[index].key, entries[index].value) } }
    }
}
