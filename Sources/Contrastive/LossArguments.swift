/// A loss's parameters as `LossEntry.resolve` left them: every declared parameter present, in its range and whole
/// where it must be. A loss reads each through its declaration, as the type it needs, so a misspelt or undeclared
/// name cannot compile into a lookup.
public struct LossArguments: Sendable, Equatable {
    /// The resolved values by parameter name (what `replicate loss` prints and specs hash).
    public let values: [String: Double]

    public init(_ values: [String: Double]) { self.values = values }

    /// The value of `p` (its default when absent, which `resolve` never leaves).
    public func double(_ p: LossParameter) -> Double { values[p.name] ?? p.defaultValue }

    public func float(_ p: LossParameter) -> Float { Float(double(p)) }

    /// A count or a choice; `p` must be declared `integer`, so the value is whole.
    public func int(_ p: LossParameter) -> Int {
        precondition(p.integer, "\(p.name) is not declared integer")
        return Int(double(p))
    }

    /// A choice encoded as a number (kernel-infonce `mode`, cacr `choice`); the declared range holds only raw values.
    public func choice<C: RawRepresentable>(_ p: LossParameter, as _: C.Type) -> C where C.RawValue == Int {
        guard let c = C(rawValue: int(p)) else { preconditionFailure("\(p.name): \(int(p)) is outside its declared range") }
        return c
    }

    /// A switch encoded as a number (ring `linear_anneal`: 1 on, 0 off).
    public func flag(_ p: LossParameter) -> Bool { double(p) >= 0.5 }
}
