import Foundation

/// What a path names, as `stat` sees it (through symbolic links): readers accept only regular
/// files and writers replace only regular files, and both say what they found instead.
public enum FileType: Equatable, Sendable {
    case regular
    case directory
    case fifo
    case characterDevice
    case blockDevice
    case socket
    case other

    /// The type of a `stat` result's `st_mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// The type of what `path` names, or nil when `stat` fails (nothing there, or no access).
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(mode: status.st_mode)
    }

    /// Why a file of this type cannot stand in for a regular file, or nil for a regular file.
    public var problem: String? {
        switch self {
        case .regular: return nil
        case .directory: return "is a directory, not a file"
        case .fifo: return "is a FIFO, not a regular file"
        case .characterDevice: return "is a character device, not a regular file"
        case .blockDevice: return "is a block device, not a regular file"
        case .socket: return "is a socket, not a regular file"
        case .other: return "is not a regular file"
        }
    }
}
