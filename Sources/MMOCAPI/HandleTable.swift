import Foundation

/// The objects behind the C ABI's handles. A handle is a number, not a pointer, so a stale or
/// made-up one is looked up and refused instead of dereferenced; numbers count up from 1 and are
/// never reused, so a destroyed handle stays invalid. Lookups are by key only; the table is never
/// iterated.
final class HandleTable: @unchecked Sendable {
    static let shared = HandleTable()

    private let lock = NSLock()
    private var objects: [UInt64: AnyObject] = [:]
    private var next: UInt64 = 1

    /// Stores `object` and returns its new handle.
    func insert(_ object: AnyObject) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        let handle = next
        next += 1
        objects[handle] = object
        return handle
    }

    /// The object of `handle` if it is a `T`; otherwise an error naming what went wrong.
    func lookup<T: AnyObject & HandleKind>(_ handle: UInt64, as kind: T.Type) throws(APIError) -> T {
        lock.lock()
        let object = objects[handle]
        lock.unlock()
        guard let object else {
            throw APIError(.handle, handle == 0 ? "\(T.kindName) handle 0 is never valid" : "\(T.kindName) handle \(handle) does not exist (never created, or destroyed)")
        }
        guard let typed = object as? T else {
            let actual = (object as? HandleKind).map { type(of: $0).kindWithArticle } ?? "a different object"
            throw APIError(.handle, "handle \(handle) is \(actual), not \(T.kindWithArticle)")
        }
        return typed
    }

    /// Removes `handle`'s object from the table and returns it.
    func remove<T: AnyObject & HandleKind>(_ handle: UInt64, as kind: T.Type) throws(APIError) -> T {
        let object = try lookup(handle, as: kind)
        lock.lock()
        defer { lock.unlock() }
        guard objects.removeValue(forKey: handle) != nil else {
            throw APIError(.handle, "\(T.kindName) handle \(handle) does not exist (destroyed by another thread)")
        }
        return object
    }
}

/// What the handle table's error messages call an object.
protocol HandleKind {
    static var kindName: String { get }
    static var kindWithArticle: String { get }
}
