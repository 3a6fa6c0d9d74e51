extension Event {
    /// Reads a line laid out exactly as the log writes it (see `canonicalBody`), walking the envelope's
    /// members in their fixed order and parsing only the payload as general JSON. Returns nil, rather than
    /// failing, for any line in another layout, which the general decoder then reads (and the verifier
    /// reports as not canonical). Throws for a line in canonical layout whose values are invalid.
    ///
    /// With `checkingForm`, also says whether the line is exactly what the log would write for the event:
    /// the layout is, by construction (ids and hashes in uppercase return nil); strings are unless one has an
    /// escape (then the caller compares a re-encoding); the payload is when its canonical JSON is its bytes
    /// and it has no null or empty list.
    static func decodeCanonical(_ line: UnsafeBufferPointer<UInt8>, checkingForm: Bool = false) throws(EventDecodingError) -> (event: Event, isCanonical: Bool)? {
        // The fixed tail: ,"prev":"<64 hex>","hash":"<64 hex>", then the signature's member when signed, and }
        let raw = UnsafeRawBufferPointer(line)
        guard let hashStart = EventLine.hashMemberStart(of: raw), hashStart > 224 else { return nil }
        let tailStart = hashStart - 74, tailEnd = hashStart + 74
        var p = JSONParser(line)
        func string() -> String? { try? p.parseString() }
        guard p.take(#"{"seq":"#), let seq = p.takeInteger(), seq >= 1,
            p.take(#","id":""#), let idBytes = p.take(count: 36), let id = EventID(bytes: idBytes), !checkingForm || Hex.isLowercase(idBytes),
            p.take(#"","type":"#), let typeName = string(),
            p.take(#","schemaVersion":"#), let version = p.takeInteger(), version >= 1,
            p.take(#","effectiveAt":""#), let effectiveBytes = p.take(count: 24), let effectiveAt = Timestamp(canonical: effectiveBytes),
            p.take(#"","recordedAt":""#), let recordedBytes = p.take(count: 24), let recordedAt = Timestamp(canonical: recordedBytes),
            p.take(#"","actor":{"name":"#), let name = string(), p.take(#","role":"#), let role = string(),
            p.take(#"},"recordedBy":"#), let recordedBy = string(),
            p.take(#","subject":"#), let subjectText = string(), let subject = Subject(subjectText)
        else { return nil }
        var reason: String? = nil
        if p.take(#","reason":"#) {
            guard let text = string() else { return nil }
            reason = text
        }
        var links: [EventID] = []
        if p.take(#","links":["#) {
            repeat {
                guard p.take("\""), let bytes = p.take(count: 36), let link = EventID(bytes: bytes), p.take("\""),
                      !checkingForm || Hex.isLowercase(bytes) else { return nil }
                links.append(link)
            } while p.take(",")
            guard p.take("]") else { return nil }
        }
        guard p.take(#","payload":"#), p.position < tailStart else { return nil }
        let payloadStart = p.position
        var payloadParser = JSONParser(UnsafeBufferPointer(rebasing: line[payloadStart..<tailStart]), checkingForm: checkingForm)
        guard let payloadJSON = try? payloadParser.parseValueHere(), payloadParser.position == tailStart - payloadStart
        else { return nil }
        var tail = JSONParser(UnsafeBufferPointer(rebasing: line[tailStart..<tailEnd]))
        guard tail.take(#","prev":""#), let prevBytes = tail.take(count: 64), let prev = Digest(hex: prevBytes),
            tail.take(#"","hash":""#), let hashBytes = tail.take(count: 64), let hash = Digest(hex: hashBytes), tail.take("\""),
            !checkingForm || (Hex.isLowercase(prevBytes) && Hex.isLowercase(hashBytes))
        else { return nil }
        let signatureMember = EventLine.signatureMember(of: raw, hashMemberStart: hashStart)
        var signature: EventSignature? = nil
        if !signatureMember.isEmpty {
            guard let parsed = EventSignature.parseMember(signatureMember) else { return nil }
            signature = parsed
        }

        let (payload, written) = try PayloadKind.decodeStored(payloadJSON, type: typeName, version: version)
        let event = Event(seq: seq, id: id, schemaVersion: version, effectiveAt: effectiveAt, recordedAt: recordedAt,
                          actor: Actor(name: name, role: role), recordedBy: recordedBy, subject: subject, reason: reason,
                          links: links, payload: payload, prev: prev, hash: hash, writtenPayload: written, signature: signature)
        guard checkingForm else { return (event, true) }
        let envelope = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[..<payloadStart]))
        if ByteSearch.firstIndex(of: UInt8(ascii: "\\"), in: envelope) != nil {
            // The body the log would write is the line without its hash member, closed.
            let body = event.canonicalBody
            return (event, body.count == hashStart + 1 && body.dropLast().elementsEqual(line.prefix(hashStart)))
        }
        let payloadBytes = UnsafeBufferPointer(rebasing: line[payloadStart..<tailStart])
        let members = payloadJSON.objectValue?.members ?? []
        let plain = !members.contains { $0.value == .null || $0.value == .array([]) }
        // The parser noted whether the payload was canonical, but for the spelling of escapes, checked here.
        return (event, plain && payloadParser.isCanonicalSoFar && (!payloadParser.sawEscape || payloadJSON.isCanonicalEncoding(of: payloadBytes)))
    }
}
