import CZlib
import Foundation

/// A PNG read back into pixels, for tests that look at what a renderer
/// drew: 8-bit RGB or RGBA, not interlaced (what rsvg-convert writes).
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    private let channels: Int
    private let pixels: [UInt8]

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ data: [UInt8]) throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count > 8, Array(data[0..<8]) == signature else { throw Failure(description: "not a PNG") }
        func u32(_ at: Int) -> Int { Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3]) }
        var at = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while at + 8 <= data.count {
            let length = u32(at)
            let type = String(decoding: data[(at + 4)..<(at + 8)], as: UTF8.self)
            let body = at + 8
            guard body + length <= data.count else { throw Failure(description: "truncated chunk \(type)") }
            switch type {
            case "IHDR":
                width = u32(body)
                height = u32(body + 4)
                let depth = data[body + 8], colour = data[body + 9], interlace = data[body + 12]
                guard depth == 8, colour == 2 || colour == 6, interlace == 0 else {
                    throw Failure(description: "unsupported PNG: depth \(depth), colour type \(colour), interlace \(interlace)")
                }
                channels = colour == 6 ? 4 : 3
            case "IDAT":
                compressed += data[body..<(body + length)]
            default:
                break
            }
            at = body + length + 4  // the CRC
        }
        guard width > 0, height > 0 else { throw Failure(description: "no IHDR") }
        let stride = width * channels
        let raw = try Self.inflate(compressed, expected: height * (stride + 1))
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let byte = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "bad filter \(filter) in row \(y)")
                }
                pixels[y * stride + x] = UInt8(truncatingIfNeeded: Int(byte) + predicted)
            }
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    public init(contentsOf path: String) throws {
        try self.init(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Red, green, blue and alpha (255 for RGB) at column `x`, row `y`.
    public func pixel(_ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let at = (y * width + x) * channels
        return (pixels[at], pixels[at + 1], pixels[at + 2], channels == 4 ? pixels[at + 3] : 255)
    }

    private static func inflate(_ input: [UInt8], expected: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expected)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else {
            throw Failure(description: "bad image data (zlib status \(status), \(stream.total_out) of \(expected) bytes)")
        }
        return output
    }
}
