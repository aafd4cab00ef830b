import CSystem
import Glibc

/// A fixed set of worker threads that run tasks handed out in order and
/// give their results back in that same order, whatever order they finish
/// in. At most `inFlight` tasks are queued, running or waiting to be taken
/// back, so memory stays bounded however large the input.
///
/// The calling thread makes the tasks and takes the results (it reads the
/// input and writes the output); the workers only compute.
public final class WorkerPool<Result>: @unchecked Sendable {
    /// What the calling thread hands in: work for a worker (given the
    /// worker's number, 0..<workers, for state of its own), or a result
    /// that needs none, kept in its place in the order.
    public enum Task {
        case work((Int) -> Result)
        case ready(Result)
    }

    public let workers: Int
    public let inFlight: Int

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a task is queued or the pool stops.
    private let taskReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when a result is in.
    private let resultReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Tasks not yet taken, from `queueHead` on; a taken one is cleared at
    /// once, so its chunk is freed when its worker is done with it.
    private var queue: [(sequence: Int, work: (Int) -> Result)?] = []
    private var queueHead = 0
    /// Results by sequence number modulo `inFlight`.
    private var results: [Result?]
    private var stopping = false
    private var threads: [pthread_t] = []

    /// The default bound on tasks in flight: three per worker, so that one
    /// waits while another is written, but 16 in all unless the workers
    /// need more (one each and one being made), so that memory (16 chunks
    /// of 4 MB and their output) stays the same on a machine of many cores.
    public static func defaultInFlight(workers: Int) -> Int {
        min(3 * workers, max(workers + 1, 16))
    }

    /// A worker's stack: the tools' recursion is shallow (JSON nesting is
    /// parsed without it; expressions and Cap'n Proto nesting are bounded),
    /// and under `ulimit -v` glibc's default of 8 MB a thread adds up.
    static var stackBytes: Int { 4 << 20 }

    /// Under a cap on the address space (`ulimit -v`), one malloc arena
    /// for every thread: glibc reserves 64 MB of address space for each
    /// arena it adds, which would leave no room for the chunks themselves.
    /// The tools allocate per chunk, not per record, so threads seldom
    /// meet on the one arena's lock.
    static func shareArenaUnderAddressLimit() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max /* RLIM_INFINITY */ else { return }
        _ = csystem_share_malloc_arena()
    }

    /// Starts `workers` threads; `inFlight` defaults to `defaultInFlight`.
    /// `threadLimit` (tests) starts at most that many, as when the system
    /// has no more to give.
    public init(workers: Int, inFlight: Int? = nil, threadLimit: Int = .max) {
        Self.shareArenaUnderAddressLimit()
        self.workers = max(workers, 1)
        self.inFlight = max(inFlight ?? Self.defaultInFlight(workers: self.workers), self.workers + 1)
        results = Array(repeating: nil, count: self.inFlight)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(taskReady, nil)
        pthread_cond_init(resultReady, nil)
        for index in 0..<min(self.workers, max(threadLimit, 0)) {
            let start = ThreadStart { [self] in self.work(index) }
            var thread = pthread_t()
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, Self.stackBytes)
            defer { pthread_attr_destroy(&attributes) }
            let status = pthread_create(&thread, &attributes, { argument in
                Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue().body()
                return nil
            }, Unmanaged.passRetained(start).toOpaque())
            guard status == 0 else {
                // Out of threads or address space (ulimit -u, ulimit -v):
                // fewer workers do the same work, and with none the calling
                // thread does it (`submit`).
                Unmanaged.passUnretained(start).release()
                break
            }
            threads.append(thread)
        }
    }

    deinit {
        stop()
        pthread_cond_destroy(resultReady)
        pthread_cond_destroy(taskReady)
        pthread_mutex_destroy(lock)
        resultReady.deallocate()
        taskReady.deallocate()
        lock.deallocate()
    }

    /// Runs the tasks `next` makes until it returns nil, calling `take`
    /// with each result in the order of the tasks, on the calling thread;
    /// stops early when `take` returns false or throws. Tasks are made
    /// only while fewer than `inFlight` are pending.
    public func run<E: Error>(_ next: () -> Task?, take: (Result) throws(E) -> Bool) throws(E) {
        var made = 0
        var taken = 0
        var exhausted = false
        while true {
            while !exhausted && made - taken < inFlight {
                guard let task = next() else {
                    exhausted = true
                    break
                }
                submit(task, sequence: made)
                made += 1
                // Results already in go out at once: output flows while
                // the input is still being read.
                while taken < made, let result = poll(taken, wait: false) {
                    taken += 1
                    guard try take(result) else { return }
                }
            }
            guard taken < made else { return }
            let result = poll(taken, wait: true)!
            taken += 1
            guard try take(result) else { return }
        }
    }

    /// Ends the workers once their current task is done; queued tasks
    /// are dropped. Called at deinit; calling it again does nothing.
    public func stop() {
        pthread_mutex_lock(lock)
        stopping = true
        queue.removeAll()
        queueHead = 0
        pthread_cond_broadcast(taskReady)
        pthread_mutex_unlock(lock)
        for thread in threads { pthread_join(thread, nil) }
        threads.removeAll()
    }

    private func submit(_ task: Task, sequence: Int) {
        pthread_mutex_lock(lock)
        switch task {
        case .work(let work) where threads.isEmpty:
            // No thread could be started: the work is done here, as worker
            // 0, and its result kept in its place like any other.
            pthread_mutex_unlock(lock)
            let result = work(0)
            pthread_mutex_lock(lock)
            results[sequence % inFlight] = result
        case .work(let work):
            queue.append((sequence, work))
            pthread_cond_signal(taskReady)
        case .ready(let result):
            results[sequence % inFlight] = result
        }
        pthread_mutex_unlock(lock)
    }

    /// The result of task `sequence`, waiting for it when `wait`.
    private func poll(_ sequence: Int, wait: Bool) -> Result? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        let slot = sequence % inFlight
        while results[slot] == nil {
            guard wait else { return nil }
            pthread_cond_wait(resultReady, lock)
        }
        defer { results[slot] = nil }
        return results[slot]
    }

    /// A worker's loop: take the oldest task, run it unlocked, file its result.
    private func work(_ index: Int) {
        pthread_mutex_lock(lock)
        while true {
            while queueHead == queue.count && !stopping { pthread_cond_wait(taskReady, lock) }
            if stopping { break }
            let (sequence, work) = queue[queueHead]!
            queue[queueHead] = nil
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            } else if queueHead >= 64 && queueHead * 2 >= queue.count {
                // Taken slots at the front go once they outnumber the rest.
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            pthread_mutex_unlock(lock)
            let result = work(index)
            pthread_mutex_lock(lock)
            results[sequence % inFlight] = result
            pthread_cond_broadcast(resultReady)
        }
        pthread_mutex_unlock(lock)
    }
}

/// A thread's body, handed through pthread_create's one pointer.
private final class ThreadStart {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
