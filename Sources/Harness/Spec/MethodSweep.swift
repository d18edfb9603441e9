/// `sweep: {parameter, values}` on a method: one method per value of one loss parameter, or of one
/// optimizer setting (`optimizer.lr`, see `OptimizerOverride`), so a correlation claim can rank a family of
/// encoders (Wang & Isola rank encoders trained with many loss weights, temperatures and learning rates).
/// The expanded ids are `<id>-<parameter>-<value>` (in the value '.' → 'p' and '-' → 'm'; in the parameter
/// '_' and '.' → '-'), labels add `parameter=value`.
public struct MethodSweep: Equatable, Sendable, Codable {
    public var parameter: String
    public var values: [Double]

    /// The method id for one value, e.g. `contrastive-temperature-0p19`.
    public static func id(_ base: String, parameter: String, value: Double) -> String {
        let v = SpecReader.format(value).replacingOccurrences(of: ".", with: "p").replacingOccurrences(of: "-", with: "m")
        let p = parameter.replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
        return "\(base)-\(p)-\(v)".lowercased()
    }

    /// Reads the sweep and checks every value against the loss's declared range, at the value's line.
    static func decode(_ node: SpecNode?, _ path: String, loss: MethodSpec.Loss?, lossNode: SpecNode?, _ r: SpecReader) -> MethodSweep? {
        guard let f = r.fields(node, path, required: ["parameter", "values"]) else { return nil }
        let parameter = r.string(f["parameter"], f.path("parameter"))
        guard let items = r.list(f["values"], f.path("values")) else { return nil }
        let values = items.map { (r.double($0.node, $0.path), $0.node) }
        if items.count < 2 { r.error(f["values"]!.location, f.path("values"), "a sweep needs 2 values at least, found \(items.count)") }
        guard let parameter, values.allSatisfy({ $0.0 != nil }) else { return nil }
        if Set(values.map(\.0!)).count != values.count {
            r.error(f["values"]!.location, f.path("values"), "a sweep's values must differ")
        }
        if parameter.hasPrefix(OptimizerOverride.sweepPrefix) {
            let key = String(parameter.dropFirst(OptimizerOverride.sweepPrefix.count))
            guard let bound = OptimizerOverride.bound(key) else {
                let known = OptimizerOverride.keyNames.map { OptimizerOverride.sweepPrefix + $0 }
                r.error(f["parameter"]!.location, f.path("parameter"), "unknown optimizer parameter '\(parameter)'"
                        + EditDistance.hint(for: parameter, among: known) + "; known: " + known.joined(separator: ", "))
                return nil
            }
            for item in items where r.double(item.node, item.path, bound) == nil { return nil }
        } else if let loss, let lossNode, let nameNode = lossNode.mapping?["name"] {
            for (value, node) in values {
                var params = loss.parameters.map { (key: $0.key, value: $0.value, node: lossNode) }.filter { $0.key != parameter }
                params.append((parameter, value!, node))
                LossCatalog.check(name: loss.name, nameNode: nameNode, path: SpecReader.join(path.replacingOccurrences(of: ".sweep", with: ""), "loss"),
                                  parameters: params, reader: r)
            }
        }
        return MethodSweep(parameter: parameter, values: values.map(\.0!))
    }
}

extension MethodSpec {
    /// The method itself, or one method per value of its sweep.
    public var expanded: [MethodSpec] {
        guard let sweep else { return [self] }
        return sweep.values.map { v in
            var m = self
            m.sweep = nil
            m.id = MethodSweep.id(id, parameter: sweep.parameter, value: v)
            m.label = "\(label) (\(sweep.parameter)=\(SpecReader.format(v)))"
            if sweep.parameter.hasPrefix(OptimizerOverride.sweepPrefix) {
                var o = m.optimizer ?? OptimizerOverride([:])
                o.values[String(sweep.parameter.dropFirst(OptimizerOverride.sweepPrefix.count))] = v
                m.optimizer = o
            } else {
                m.loss.parameters[sweep.parameter] = v
            }
            return m
        }
    }
}
