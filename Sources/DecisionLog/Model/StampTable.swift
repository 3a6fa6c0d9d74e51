/// Where stamps' actors and reasons are kept outside memory (a checkpoint's stamp table), read one at a time.
protocol StampTable: Sendable {
    /// The actor of the stamp at `offset`.
    func actor(stampAt offset: Int) -> Actor
    /// The reason of the stamp at `offset`, if it has one.
    func reason(stampAt offset: Int) -> String?
}
