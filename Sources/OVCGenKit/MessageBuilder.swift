import AcctCore
import CapnpKit
import CCapnpBuilder

/// Swift face of the shim's Account builder (generator only).
final class MessageBuilder {
    private let handle: OpaquePointer

    init() {
        guard let handle = ccapnp_builder_new() else { fatalError("out of memory") }
        self.handle = handle
    }

    deinit { ccapnp_builder_free(handle) }

    /// Starts a message; nil cloudspaces leaves the list pointer null.
    func account(_ id: UInt32, cloudspaces: Int?) {
        ccapnp_builder_account(handle, id, cloudspaces == nil ? 0 : 1, UInt32(cloudspaces ?? 0))
    }

    func cloudspace(_ index: Int, id: Int32, account: Int32, machines: Int) {
        ccapnp_builder_cloudspace(handle, UInt32(index), id, account, UInt32(machines))
    }

    /// The router pseudo machine OVC puts first in every cloudspace: id 0,
    /// two NICs, no disks list, no image or status.
    func routeros(cloudspace: Int) {
        machine(cloudspace: cloudspace, index: 0, id: 0, type: "routeros", vcpus: 0, cpuMinutes: 0,
                memMB: 0, image: nil, status: nil, nics: 2, disks: nil)
        nic(cloudspace: cloudspace, machine: 0, index: 0, type: "external", tx: 0, rx: 0)
        nic(cloudspace: cloudspace, machine: 0, index: 1, type: "space", tx: 0, rx: 0)
    }

    func machine(
        cloudspace: Int, index: Int, id: Int32, type: String, vcpus: Int32, cpuMinutes: Float,
        memMB: Float, image: [UInt8]?, status: String?, nics: Int, disks: Int?
    ) {
        withText(Array(type.utf8)) { type in
            withText(image) { image in
                withText(status.map { Array($0.utf8) }) { status in
                    var spec = ccapnp_machine_spec(
                        id: id, type: type, vcpus: vcpus, cpu_minutes: cpuMinutes, mem: memMB,
                        image: image, status: status, nics: UInt32(nics),
                        disks: disks.map(UInt32.init) ?? UInt32.max)
                    ccapnp_builder_machine(handle, UInt32(cloudspace), UInt32(index), &spec)
                }
            }
        }
    }

    func nic(cloudspace: Int, machine: Int, index: Int, type: String, tx: Float, rx: Float) {
        withText(Array(type.utf8)) { type in
            ccapnp_builder_nic(handle, UInt32(cloudspace), UInt32(machine), UInt32(index), 0, type, tx, rx)
        }
    }

    func disk(cloudspace: Int, machine: Int, index: Int, id: Int32, gb: Float, read: Float, write: Float) {
        ccapnp_builder_disk(handle, UInt32(cloudspace), UInt32(machine), UInt32(index), id, gb, read,
                            write, 0, 0)
    }

    /// Hands the serialised message to `use` (valid only inside it).
    func finish(framing: Framing, _ use: (UnsafeRawBufferPointer) throws -> Void) throws {
        var bytes: UnsafePointer<UInt8>? = nil
        var size = 0
        guard ccapnp_builder_finish(handle, framing.code, &bytes, &size) == 0 else {
            throw CapnpError(description: "could not serialise the message")
        }
        try use(UnsafeRawBufferPointer(start: bytes, count: size))
    }

    private func withText<R>(_ bytes: [UInt8]?, _ body: (ccapnp_text) -> R) -> R {
        guard let bytes else { return body(ccapnp_text(ptr: nil, len: 0)) }
        if bytes.isEmpty {
            // An empty array may have no address, and a null one means a null Text.
            let empty = UnsafeRawPointer(StaticString("").utf8Start).assumingMemoryBound(to: CChar.self)
            return body(ccapnp_text(ptr: empty, len: 0))
        }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                body(ccapnp_text(ptr: chars.baseAddress, len: bytes.count))
            }
        }
    }
}
