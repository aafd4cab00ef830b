import AcctCore
import Glibc
import XCTest

/// The pool hands results back in the order the tasks were made, however
/// the workers finish, and never holds more than its bound.
final class WorkerPoolTests: XCTestCase {
    func testResultsComeBackInOrder() {
        let pool = WorkerPool<Int>(workers: 3, inFlight: 5)
        defer { pool.stop() }
        var made = 0
        var taken: [Int] = []
        pool.run({ () -> WorkerPool<Int>.Task? in
            guard made < 200 else { return nil }
            defer { made += 1 }
            let n = made
            if n % 7 == 0 { return .ready(n) }
            // Later tasks often finish first.
            return .work { _ in
                usleep(useconds_t((n * 37) % 5 * 100))
                return n
            }
        }, take: { result in
            XCTAssertLessThanOrEqual(made - taken.count, 5)
            taken.append(result)
            return true
        })
        XCTAssertEqual(taken, Array(0..<200))
    }

    /// A system that gives no thread at all: the calling thread does the
    /// work, as worker 0, and the results still come back in order.
    func testNoThreadMeansTheCallerWorks() {
        let pool = WorkerPool<Int>(workers: 4, inFlight: 5, threadLimit: 0)
        defer { pool.stop() }
        let caller = pthread_self()
        var made = 0
        var taken: [Int] = []
        pool.run({ () -> WorkerPool<Int>.Task? in
            guard made < 20 else { return nil }
            made += 1
            let n = made
            return n % 5 == 0 ? .ready(-n) : .work { worker in
                XCTAssertEqual(worker, 0)
                XCTAssertNotEqual(pthread_equal(pthread_self(), caller), 0)
                return n
            }
        }, take: { result in
            taken.append(result)
            return true
        })
        XCTAssertEqual(taken, (1...20).map { $0 % 5 == 0 ? -$0 : $0 })
    }

    func testStopsWhenTakeSaysSo() {
        let pool = WorkerPool<Int>(workers: 2)
        defer { pool.stop() }
        var made = 0
        var taken: [Int] = []
        pool.run({ () -> WorkerPool<Int>.Task? in
            made += 1
            let n = made
            return .work { _ in n }
        }, take: { result in
            taken.append(result)
            return result < 10
        })
        XCTAssertEqual(taken, Array(1...10))
    }

    func testEachWorkerGetsItsOwnNumber() {
        let pool = WorkerPool<Int>(workers: 4)
        defer { pool.stop() }
        var made = 0
        var seen = Set<Int>()
        pool.run({ () -> WorkerPool<Int>.Task? in
            guard made < 100 else { return nil }
            made += 1
            return .work { $0 }
        }, take: { worker in
            seen.insert(worker)
            return true
        })
        XCTAssertTrue(seen.isSubset(of: [0, 1, 2, 3]))
        XCTAssertFalse(seen.isEmpty)
    }
}
