/// The chain as a replay walks it: from an event known to be good (the start of the log, or the event a
/// checkpoint follows), each next event must match its hash, come next in seq and link to the one before.
/// Where it first does not, the walk stops advancing, so `link` is the last event of the verified prefix.
/// (Unlike `ChainVerifier` it does not check canonical form, ids or recorded time: it proves only that the
/// events folded are the ones the log's hashes commit to.)
struct ChainWalk {
    /// The last event of the prefix that verified.
    private(set) var link: LogHead.Link
    /// The seq of the first event that did not follow, once one did not.
    private(set) var brokenAt: Int? = nil

    /// A walk from `link`.
    init(from link: LogHead.Link) { self.link = link }

    /// Takes in the next event read, whose line matched its hash or not.
    mutating func take(_ event: EventHeader, hashMatches: Bool) {
        guard brokenAt == nil else { return }
        if hashMatches, let links = event.links, event.seq == link.seq + 1, links.prev == link.hash {
            link = LogHead.Link(seq: event.seq, hash: links.hash)
        } else {
            brokenAt = event.seq
        }
    }
}
