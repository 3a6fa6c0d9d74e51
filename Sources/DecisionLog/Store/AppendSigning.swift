/// How an append signs the events it seals: one signature per run of drafts, on the run's last event, vouching
/// for the run (an `add` is a run of one; an import signs its final head once).
public struct AppendSigning: Sendable {
    /// The key that signs.
    public let signer: SSHSigner
    /// The runs, as positions of drafts in the request; nil for all the drafts as one run. Drafts in no run
    /// are left unsigned; drafts skipped as already in the log are not counted.
    public let runs: [ClosedRange<Int>]?

    /// Signing with `signer`, every draft in one run unless `runs` says otherwise.
    public init(signer: SSHSigner, runs: [ClosedRange<Int>]? = nil) {
        self.signer = signer
        self.runs = runs
    }

    /// `batch` with each run's last event signed; `positions` are the sealed events' draft positions, in
    /// order. Throws `LogError`: `.signing` when the key cannot sign, `.rejectedDraft` when a signed line
    /// would be longer than a line may be.
    /// With `earlier`, the batch is the last part of an import whose parts before held that many events, all
    /// in the one run (`runs` nil).
    func sign(_ batch: SealedBatch, positions: [Int], earlier: Int = 0) throws(LogError) -> SealedBatch {
        var signatures: [Int: EventSignature] = [:]
        for run in runs ?? [Int.min...Int.max] {
            let members = positions.indices.filter { run.contains(positions[$0]) }
            guard let last = members.last else { continue }
            signatures[last] = try signer.sign(hash: batch.events[last].hash, events: members.count + (runs == nil ? earlier : 0))
        }
        let signed = batch.attaching(signatures)
        for index in signatures.keys where signed.lineLength(index) > EventLine.maximumLength {
            throw LogError(.rejectedDraft, "signed, event #\(signed.events[index].seq) would take \(signed.lineLength(index)) bytes; a line holds at most \(EventLine.maximumLength) (1 MiB): shorten its texts",
                           hint: "nothing was written")
        }
        return signed
    }
}

extension SealedBatch {
    /// The batch with `signatures` (by event index) added to their events and lines.
    func attaching(_ signatures: [Int: EventSignature]) -> SealedBatch {
        guard !signatures.isEmpty else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(self.bytes.count + signatures.count * 512)
        var ends: [Int] = []
        ends.reserveCapacity(lineEnds.count)
        var start = 0
        for (index, end) in lineEnds.enumerated() {
            if let signature = signatures[index] {
                bytes.append(contentsOf: self.bytes[start..<(end - 2)])
                signature.appendMember(to: &bytes)
                bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
            } else {
                bytes.append(contentsOf: self.bytes[start..<end])
            }
            ends.append(bytes.count)
            start = end
        }
        let events = self.events.enumerated().map { index, event in signatures[index].map { event.signed($0) } ?? event }
        return SealedBatch(events: events, bytes: bytes, lineEnds: ends)
    }
}
