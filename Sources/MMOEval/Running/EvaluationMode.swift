/// How entrants meet: alone (each entrant controls every agent of its games, all entrants playing
/// the same seeds and maps) or together (the entrants' teams share each world).
public enum EvaluationMode: String, Sendable, Codable, CaseIterable {
    case pve, pvp
}
