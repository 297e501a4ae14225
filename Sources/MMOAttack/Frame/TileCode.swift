import MMOCore
import MMOTrain

/// A tile id of the policy's input, material + Material.count x occupant: what a tile flip may
/// change (the material, to another valid one) and what it keeps (who stands there, which the
/// entity rows also say).
public enum TileCode {
    @inline(__always) public static func material(_ code: Int32) -> Int { Int(code) % Material.count }
    @inline(__always) public static func occupant(_ code: Int32) -> Int { Int(code) / Material.count }

    /// `code` with its material replaced.
    @inline(__always) public static func with(material: Int, of code: Int32) -> Int32 {
        Int32(occupant(code) * Material.count + material)
    }

    /// Whether `to` is `from` with another material a flip may write and the same occupant.
    @inline(__always) public static func isFlip(from: Int32, to: Int32) -> Bool {
        to >= 0 && occupant(to) == occupant(from) && occupant(to) < ObservationFeatures.occupants && material(to) != material(from) && material(to) >= 1
    }

    /// The materials a flip may write: every material but void (which only lies off the map).
    public static let flipMaterials = Array(1..<Material.count)
}
