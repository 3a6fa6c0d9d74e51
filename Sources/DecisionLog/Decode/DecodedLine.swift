/// One stored line as a pass over the log reads it: its header, the event when the pass decodes it in full,
/// and, when the pass checks the chain, whether the line's bytes match its hash.
struct DecodedLine: Sendable {
    /// The line's seq, id, times and chain links.
    let header: EventHeader
    /// The event, when the selection takes it (or the line is not in the canonical layout); held by
    /// reference, so lines that are only headers stay small as batches of them are passed along.
    private let box: EventBox?
    /// The event, when the selection takes it (or the line is not in the canonical layout).
    var event: Event? { box?.event }
    /// Whether the line's bytes hash to the hash it stores (true when not checked).
    let hashMatches: Bool

    /// Reads `line` as `selection` asks, hashing its bytes when `hashing`. Throws (as a failure) for a line
    /// that does not decode.
    static func decode(_ line: UnsafeRawBufferPointer, _ selection: DecodedTypes, hashing: Bool) -> Result<DecodedLine, EventDecodingError> {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        let header: EventHeader
        let event: Event?
        if !selection.decodesEverything, let read = EventHeader.read(bytes, withLinks: hashing),
           !selection.decodes(type: read.type, version: read.version, subject: { EventHeader.subject(of: bytes, from: read.actor) }) {
            header = read.header
            event = nil
        } else {
            do throws(EventDecodingError) {
                let decoded = try Event(line: line)
                header = decoded.header
                event = decoded
            } catch {
                return .failure(error)
            }
        }
        guard hashing else { return .success(DecodedLine(header: header, box: event.map(EventBox.init), hashMatches: true)) }
        let hashes = EventLine.hashes(of: line)
        let matches = hashes.map { $0.stored == $0.computed && $0.stored == header.links?.hash } ?? false
        return .success(DecodedLine(header: header, box: event.map(EventBox.init), hashMatches: matches))
    }

    /// An event on the heap.
    private final class EventBox: Sendable {
        let event: Event
        init(_ event: Event) { self.event = event }
    }
}
