import CYaml

/// A first pass over a YAML text with libyaml's event parser (the one Yams composes with), before any tree is
/// built: it finds what the composer must never see. An alias is refused here, where it is still one event —
/// Yams resolves aliases to their anchored node and then hashes mapping keys, so nine levels of nine aliases (as
/// keys) cost 9⁹ steps before any check of ours could run.
enum YAMLEventScan {
    /// The first alias or anchor, as (line, column, name), 1-based; nil when there is none or the text does not parse
    /// (the composer then reports the syntax error with its own message).
    static func firstAnchorOrAlias(_ text: String) -> (line: Int, column: Int, name: String)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> (Int, Int, String)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let at = (Int(mark.line) + 1, Int(mark.column) + 1)
                func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String { p.map { String(cString: $0) } ?? "" }
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_ALIAS_EVENT: return (at.0, at.1, "*" + name(event.data.alias.anchor))
                case YAML_SCALAR_EVENT where event.data.scalar.anchor != nil: return (at.0, at.1, "&" + name(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT where event.data.sequence_start.anchor != nil:
                    return (at.0, at.1, "&" + name(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT where event.data.mapping_start.anchor != nil:
                    return (at.0, at.1, "&" + name(event.data.mapping_start.anchor))
                default: continue
                }
            }
            return nil
        }
    }
}
