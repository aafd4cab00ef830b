import AcctCore
import Glibc
import Synchronization

/// Removes unfinished workbooks' temporary files when a signal ends the
/// process, then lets the signal do what it would have done.
///
/// The handler may only call async-signal-safe functions, so the paths wait
/// in a buffer allocated once and never freed (one slot per open report),
/// and a lock-free bit mask says which slots hold a path. The handlers are
/// installed while at least one path is registered and the previous actions
/// restored after; a signal the process ignores is left ignored.
enum InterruptCleanup {
    /// Every signal whose default action ends the process and that can be
    /// caught (signal(7)): those sent to stop it (SIGINT, SIGTERM, SIGHUP,
    /// SIGQUIT), the limits of setrlimit(2) and timers (SIGXCPU, SIGXFSZ,
    /// SIGALRM, SIGVTALRM, SIGPROF), the user and real-time signals, and
    /// the faults of a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP,
    /// SIGABRT, SIGSYS: a Swift trap is SIGILL or SIGTRAP), whose handler
    /// returns to the faulting instruction, which then faults again under
    /// the default action. SIGKILL and SIGSTOP cannot be caught; SIGPIPE
    /// is ignored by every tool.
    static let signals: [Int32] = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU, SIGXFSZ, SIGALRM, SIGVTALRM, SIGPROF,
        SIGUSR1, SIGUSR2, SIGIO, SIGPWR, SIGSTKFLT,
        SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGSYS,
    ] + Array(__libc_current_sigrtmin()...__libc_current_sigrtmax())
    /// How many temporary files can be watched at once (one per open
    /// report); more are left to `abandon()` alone.
    static let slotCount = 16
    static let slotSize = Int(PATH_MAX) + 1

    /// The paths, NUL-terminated, `slotSize` bytes apart.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
        buffer.initialize(repeating: 0, count: slotCount * slotSize)
        return buffer
    }()

    /// Bit `i` set: slot `i` holds a path to remove.
    static let armed = Atomic<UInt>(0)
    /// Bit `i` set: slot `i` is taken (armed or being filled or emptied).
    static let taken = Atomic<UInt>(0)

    private struct Installed: ~Copyable {
        var users = 0
        var previous: [(Int32, sigaction)] = []
    }
    private static let installed = Mutex(Installed())

    /// Watches `path`; returns the slot to pass to `unregister`, or nil when
    /// every slot is taken or the path is too long.
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < slotSize, !bytes.contains(0) else { return nil }
        _ = slots // allocate before any handler can run
        // Out of memory under ulimit -v, the tool exits without a signal.
        MemoryLimit.cleanup = { InterruptCleanup.unlinkArmed() }
        guard let slot = takeSlot() else { return nil }
        let start = slots + slot * slotSize
        for (i, byte) in bytes.enumerated() { start[i] = CChar(bitPattern: byte) }
        start[bytes.count] = 0
        armed.bitwiseOr(1 << UInt(slot), ordering: .sequentiallyConsistent)
        installed.withLock { state in
            if state.users == 0 { state.previous = install() }
            state.users += 1
        }
        return slot
    }

    /// Stops watching the path in `slot` (before the file is renamed or removed).
    static func unregister(_ slot: Int) {
        armed.bitwiseAnd(~(1 << UInt(slot)), ordering: .sequentiallyConsistent)
        (slots + slot * slotSize).pointee = 0
        installed.withLock { state in
            state.users -= 1
            if state.users == 0 {
                for (signal, action) in state.previous {
                    var old = action
                    sigaction(signal, &old, nil)
                }
                state.previous = []
            }
        }
        taken.bitwiseAnd(~(1 << UInt(slot)), ordering: .sequentiallyConsistent)
    }

    /// Whether `path` is watched (for tests).
    static func isWatched(_ path: String) -> Bool {
        let mask = armed.load(ordering: .sequentiallyConsistent)
        return (0..<slotCount).contains { slot in
            mask & (1 << UInt(slot)) != 0 && String(cString: slots + slot * slotSize) == path
        }
    }

    private static func takeSlot() -> Int? {
        var mask = taken.load(ordering: .sequentiallyConsistent)
        while true {
            guard let slot = (0..<slotCount).first(where: { mask & (1 << UInt($0)) == 0 }) else { return nil }
            let (exchanged, original) = taken.compareExchange(
                expected: mask, desired: mask | (1 << UInt(slot)), ordering: .sequentiallyConsistent)
            if exchanged { return slot }
            mask = original
        }
    }

    /// Installs the handler for each signal not ignored; returns the actions replaced.
    private static func install() -> [(Int32, sigaction)] {
        var replaced: [(Int32, sigaction)] = []
        for signal in signals {
            var old = sigaction()
            guard sigaction(signal, nil, &old) == 0 else { continue }
            let oldHandler = unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self)
            if old.sa_flags & SA_SIGINFO == 0 && oldHandler == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeTemporaryFiles
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            if sigaction(signal, &action, nil) == 0 {
                replaced.append((signal, old))
            }
        }
        return replaced
    }
}

extension InterruptCleanup {
    /// Unlinks every armed path (async-signal-safe: a load and unlink(2)s).
    static func unlinkArmed() {
        let mask = armed.load(ordering: .sequentiallyConsistent)
        var slot = 0
        while slot < slotCount {
            if mask & (1 << UInt(slot)) != 0 {
                unlink(slots + slot * slotSize)
            }
            slot += 1
        }
    }
}

/// The signal handler: unlink every armed path, then die of the signal.
private let removeTemporaryFiles: @convention(c) (Int32) -> Void = { signal in
    InterruptCleanup.unlinkArmed()
    // Default action, then the signal again: it stays blocked until the
    // handler returns, then ends the process as if never caught.
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}
