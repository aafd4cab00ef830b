import AcctCore
import XCTest

/// The one place numbers are read from text: importers' fields, key flags,
/// the -x language and the JSON scanner's floats.
final class NumberTextTests: XCTestCase {
    private func with<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        Array(text.utf8).withUnsafeBytes(body)
    }

    func testIntegers() {
        XCTAssertEqual(with("-42") { NumberText.int64($0) }, -42)
        XCTAssertNil(with("4x") { NumberText.int64($0) })
        XCTAssertNil(with("99999999999999999999") { NumberText.int64($0) })
        XCTAssertEqual(with("0") { NumberText.int64($0) }, 0)
        XCTAssertEqual(with("+7") { NumberText.int64($0) }, 7)
        XCTAssertEqual(with("9223372036854775807") { NumberText.int64($0) }, Int64.max)
        XCTAssertEqual(with("-9223372036854775808") { NumberText.int64($0) }, Int64.min)
        XCTAssertNil(with("9223372036854775808") { NumberText.int64($0) })
        XCTAssertNil(with("") { NumberText.int64($0) })
        XCTAssertNil(with("-") { NumberText.int64($0) })
        XCTAssertNil(with("1.0") { NumberText.int64($0) })
    }

    func testDoubles() {
        XCTAssertEqual(with("12") { NumberText.decimal($0)?.value }, 12)
        XCTAssertEqual(with("-0.5") { NumberText.decimal($0)?.value }, -0.5)
        XCTAssertEqual(with(".5") { NumberText.decimal($0)?.value }, 0.5)
        XCTAssertEqual(with("+3") { NumberText.decimal($0)?.value }, 3)
        XCTAssertEqual(with("2.5E-3") { NumberText.decimal($0)?.value }, 0.0025)
        XCTAssertEqual(with("1e-400") { NumberText.decimal($0)?.value }, 0, "below Double's range reads as zero")
        XCTAssertEqual(with("1e15") { NumberText.decimal($0)?.value }, 1e15)
        for bad in ["", "+", "+-1", "--1", "1e400", "1e", "1,5", "12abc", "nan", "inf", "0x10", " 1"] {
            XCTAssertNil(with(bad) { NumberText.decimal($0)?.value }, bad)
        }
    }

    /// Written as an integer: exact, never through Double.
    func testExactIntegers() {
        XCTAssertEqual(with("9007199254740993") { NumberText.decimal($0)?.exact }, 9_007_199_254_740_993)
        XCTAssertEqual(with("-7") { NumberText.decimal($0)?.exact }, -7)
        XCTAssertNil(with("7.0") { NumberText.decimal($0)?.exact })
        XCTAssertNil(with("1e3") { NumberText.decimal($0)?.exact })
        // Beyond Int64, exact to 128 bits; the double is the nearest.
        let max = with("18446744073709551615") { NumberText.decimal($0) }
        XCTAssertEqual(max?.exact, Int128(UInt64.max))
        XCTAssertEqual(max?.value, 18446744073709551616.0)
        XCTAssertEqual(with("-18446744073709551616") { NumberText.decimal($0)?.exact }, -Int128(UInt64.max) - 1)
        XCTAssertEqual(with("+170141183460469231731687303715884105727") { NumberText.decimal($0)?.exact }, .max)
        let beyond = with("170141183460469231731687303715884105728") { NumberText.decimal($0) }
        XCTAssertNil(beyond?.exact)
        XCTAssertEqual(beyond?.value, 0x1p127, "still a number, read as a double")
    }

    func testInt128() {
        XCTAssertEqual(with("-170141183460469231731687303715884105728") { NumberText.int128($0) }, .min)
        XCTAssertEqual(with("170141183460469231731687303715884105727") { NumberText.int128($0) }, .max)
        XCTAssertNil(with("170141183460469231731687303715884105728") { NumberText.int128($0) })
        XCTAssertNil(with("-170141183460469231731687303715884105729") { NumberText.int128($0) })
        XCTAssertEqual(with("00018446744073709551615") { NumberText.int128($0) }, Int128(UInt64.max))
        XCTAssertEqual(with("-0") { NumberText.int128($0) }, 0)
        for bad in ["", "-", "+", "1.0", "1e3", "--1", "1 "] {
            XCTAssertNil(with(bad) { NumberText.int128($0) }, bad)
        }
    }

    func testJSONFloats() {
        XCTAssertEqual(with("0.1") { NumberText.jsonFloat($0.assumingMemoryBound(to: UInt8.self)) }, 0.1)
        XCTAssertEqual(with("-1e-400") { NumberText.jsonFloat($0.assumingMemoryBound(to: UInt8.self)) }.sign, .minus)
        XCTAssertEqual(with("1e400") { NumberText.parseFloat($0.assumingMemoryBound(to: UInt8.self)) }, .overflow)
        XCTAssertEqual(with("1e-400") { NumberText.parseFloat($0.assumingMemoryBound(to: UInt8.self)) }, .underflow)
        XCTAssertEqual(with("x") { NumberText.parseFloat($0.assumingMemoryBound(to: UInt8.self)) }, .invalid)
        // A number out of range followed by more text is no number (a fuzzer
        // found the digits after the '-' trapping the exponent's reader).
        for text in ["4444444444444444E44444440-02200444", "1e400x", "1e-400-", "4E4444444444444444444"] {
            XCTAssertEqual(with(text) { NumberText.parseFloat($0.assumingMemoryBound(to: UInt8.self)) },
                           text.hasPrefix("4E") ? .overflow : .invalid, text)
        }
    }
}
