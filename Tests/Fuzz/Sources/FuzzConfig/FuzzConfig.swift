import Foundation
import FuzzDriver
import MMOCore

/// Fuzzes the config reader: any bytes either throw `ConfigError` or give a config that, written
/// back as JSON, reads as the same config.
@main
enum FuzzConfig {
    static func main() { FuzzDriver.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let config = try? ConfigFile.parse(Data(FuzzDriver.bytes(data, count))) else { return 0 }
    precondition((try? ConfigFile.parse(ConfigFile.json(config))) == config, "a config written back reads differently")
    return 0
}
