import AcctCore

/// Writing CSV fields into records.
extension RecordWriter {
    /// An identity value as the source has it: integer text stays an
    /// integer, anything else is a string. Absent fields are left out.
    func identity(_ name: StaticString, _ reader: CSVReader, _ column: Int) {
        guard column >= 0, column < reader.count, !reader.isAbsent(column) else { return }
        let bytes = reader.bytes(column)
        if FieldText.isJSONInteger(bytes) {
            number(name, text: bytes)
        } else {
            string(name, bytes: bytes)
        }
    }

    /// A string value; absent fields are left out.
    func text(_ name: StaticString, _ reader: CSVReader, _ column: Int) {
        guard column >= 0, column < reader.count, !reader.isAbsent(column) else { return }
        string(name, bytes: reader.bytes(column))
    }

    /// A fixed string value (a name from a code table).
    func literal(_ name: StaticString, _ value: StaticString) {
        string(name, bytes: UnsafeRawBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// A number, as an integer when it is whole (exact below 2^53), so
    /// `24` hours or `1e15` bytes stay integers and prorate exactly.
    func amount(_ name: StaticString, _ value: Double) {
        if value == value.rounded() && abs(value) < 9.007_199_254_740_992e15 {
            int(name, Int64(value))
        } else {
            double(name, value)
        }
    }
}
