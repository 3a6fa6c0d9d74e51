/// A field that holds one of a fixed set of words; conforming enums get their JSON form for free.
public protocol PayloadChoice: PayloadValue, RawRepresentable<String>, CaseIterable {}
