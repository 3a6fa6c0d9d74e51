/// Signs events with an SSH key through `ssh-keygen -Y sign -n decisionlog`, the mechanism git uses for
/// SSH-signed commits: the key is a private key file, or a public key whose private half an ssh-agent holds.
public struct SSHSigner: Sendable, Equatable {
    /// The key file, as the settings give it.
    public let keyPath: String

    /// A signer with the key at `keyPath`.
    public init(keyPath: String) { self.keyPath = keyPath }

    /// The signature over the event with `hash`, vouching for it and the `events - 1` before it. Throws
    /// `LogError` (`.signing`) with ssh-keygen's complaint when the key cannot sign.
    public func sign(hash: Digest, events: Int) throws(LogError) -> EventSignature {
        let message = EventSignature.message(for: hash, events: events)
        guard let result = ProcessFacts.run(["ssh-keygen", "-q", "-Y", "sign", "-n", EventSignature.namespace, "-f", keyPath], input: message) else {
            throw LogError(.signing, "cannot sign with \(keyPath): ssh-keygen is not installed",
                           hint: "install OpenSSH's ssh-keygen, or unset signing.key ('decisionlog config unset signing.key'); nothing was written")
        }
        guard result.status == 0, let signature = EventSignature(armored: result.output, events: events) else {
            let complaint = result.error.split(separator: "\n").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty && !$0.hasPrefix("Signing data") }
            throw LogError(.signing, "cannot sign with \(keyPath): \(complaint.last ?? "ssh-keygen failed with status \(result.status)")",
                           hint: "check the key (or that ssh-agent holds it), or unset signing.key; nothing was written")
        }
        return signature
    }
}
