/// Who the server records decisions as when it is started to accept them, and the secret its forms carry.
/// The decider is the server's configured person, never a form field, so a page cannot record in another's
/// name; the token is a keyed hash only this process can make, so a page on another site cannot post a form.
public struct WebWriter: Sendable {
    /// Who decided, for every event recorded through the forms.
    public let decider: Actor
    /// Who typed it (`recordedBy`), as `add` records it.
    public let recordedBy: String
    /// How events are signed, when the person has a signing key.
    public let signing: AppendSigning?
    /// The forms' token: HMAC-SHA256 under a key drawn at start and never written anywhere.
    let token: String

    /// A writer recording as `decider`; a new secret is drawn from the system's random source.
    public init(decider: Actor, recordedBy: String, signing: AppendSigning?) {
        self.decider = decider
        self.recordedBy = recordedBy
        self.signing = signing
        var random = SystemRandomNumberGenerator()
        var mac = HMAC(key: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
        Array("decisionlog record form".utf8).withUnsafeBytes { mac.update($0) }
        token = mac.finalize().description
    }

    /// Whether `given` is this server's token, compared in time that does not depend on where it differs.
    func accepts(token given: String?) -> Bool {
        let expected = Array(token.utf8), typed = Array((given ?? "").utf8)
        guard typed.count == expected.count else { return false }
        return zip(expected, typed).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
