/// The return codes of the C functions, with the values `gridmmo.h` gives its `GRIDMMO_*` macros.
enum Status: Int32 {
    case ok = 0
    /// An unknown or destroyed handle, or a handle of the other kind.
    case handle = 1
    /// Bad options, config, maps, curriculum, name, index or a null pointer.
    case argument = 2
    /// A buffer of the wrong length.
    case buffer = 3
    /// The handle is serving another call or has a step in flight.
    case busy = 4
    /// A file could not be read or written.
    case io = 5
    /// A call that is not possible now.
    case state = 6
}

/// A failed C call: its return code and the message `gridmmo_last_error` then returns.
struct APIError: Error {
    let status: Status
    let message: String

    init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Runs the body of a C function: returns `GRIDMMO_OK`, or records a thrown `APIError`'s message
/// for this thread and returns its code.
func respond(_ body: () throws(APIError) -> Void) -> Int32 {
    do {
        try body()
        return Status.ok.rawValue
    } catch {
        LastError.set(error.message)
        return error.status.rawValue
    }
}
