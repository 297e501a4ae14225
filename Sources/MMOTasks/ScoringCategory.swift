/// The Neural MMO 2023 competition's six task scoring categories, as curriculum tags.
public enum ScoringCategory: String, CaseIterable, Sendable, Codable {
    case survival, combat, exploration, skill, item, market
}
