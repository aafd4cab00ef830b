/// What a pax extended header (POSIX.1-2001, typeflag `x`) says of the
/// member after it: its records are `LENGTH KEY=VALUE\n`, LENGTH counting
/// the whole record in decimal. Only the keys that change how the member
/// is read are kept: `path`, the name whole (GNU tar writes one for a name
/// over 100 bytes), and `size` (for a member over the 8 GiB that the octal
/// field holds). Other keys (times, owners, GNU sparse maps) say nothing
/// about the data of a plain file.
struct PaxAttributes {
    var path: String?
    var size: Int64?

    init() {}

    /// The records of one header; nil when they are not pax records.
    init?(_ data: [UInt8]) {
        var i = 0
        while i < data.count {
            // A header padded with NULs ends at the first one.
            if data[i] == 0 { break }
            var length = 0
            var digits = i
            while digits < data.count, data[digits] &- UInt8(ascii: "0") < 10, length < 1 << 24 {
                length = length * 10 + Int(data[digits] &- UInt8(ascii: "0"))
                digits += 1
            }
            let end = i + length
            guard digits > i, digits < data.count, data[digits] == UInt8(ascii: " "),
                  end <= data.count, end > digits + 1, data[end - 1] == UInt8(ascii: "\n"),
                  let equals = data[(digits + 1)..<(end - 1)].firstIndex(of: UInt8(ascii: "="))
            else { return nil }
            let key = data[(digits + 1)..<equals]
            let value = data[(equals + 1)..<(end - 1)]
            if key.elementsEqual("path".utf8) {
                path = String(decoding: value, as: UTF8.self)
            } else if key.elementsEqual("size".utf8) {
                guard !value.isEmpty, value.count <= 18, value.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
                size = Int64(String(decoding: value, as: UTF8.self))
            }
            i = end
        }
    }

    /// Takes the keys `other` sets (a later header wins).
    mutating func update(with other: PaxAttributes) {
        if let path = other.path { self.path = path }
        if let size = other.size { self.size = size }
    }
}
