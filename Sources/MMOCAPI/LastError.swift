#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The message of each thread's last failed C call, kept in thread-specific storage as `errno`
/// is, so threads calling the library at once read their own errors.
enum LastError {
    /// The current message as a NUL-terminated C string (`strdup`ed), owned by the thread's slot.
    private final class Message {
        private(set) var text: UnsafeMutablePointer<CChar> = strdup("")

        func replace(with message: String) {
            guard let copy = strdup(message) else { return }
            free(text)
            text = copy
        }

        deinit { free(text) }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { slot in
            guard let slot else { return }
            Unmanaged<Message>.fromOpaque(slot).release()
        }
        precondition(created == 0, "pthread_key_create failed")
        return key
    }()

    private static var slot: Message {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<Message>.fromOpaque(existing).takeUnretainedValue()
        }
        let message = Message()
        pthread_setspecific(key, Unmanaged.passRetained(message).toOpaque())
        return message
    }

    static func set(_ text: String) {
        slot.replace(with: text)
    }

    /// The thread's message; valid until its next failed call replaces it.
    static var pointer: UnsafePointer<CChar> { UnsafePointer(slot.text) }
}
