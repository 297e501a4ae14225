import MMOEval

/// One of the reference paper's claims checked on a study's settings: two settings compared on the
/// same episodes by the paired difference of their IQM returns, with its interval and what it says.
public struct Finding: Sendable, Codable {
    public let claim: String
    public let first: String
    public let second: String
    /// IQM return of `first` minus that of `second`, paired by episode.
    public let difference: Estimate
    public let verdict: String

    /// The claims a study's settings can speak to: Align against the strongest noise at the same
    /// budget; 1,000 against 5,000 samples; targeted against untargeted; the white-box attack
    /// against every black-box attack at its budget.
    public static func check(_ results: [SettingResult], statistics: InterquartileMean) -> [Finding] {
        var findings: [Finding] = []
        func returns(_ result: SettingResult) -> [Double] { result.outcomes.map(\.meanReturn) }
        func compare(_ claim: String, _ a: SettingResult, _ b: SettingResult, lowerMeans: String, higherMeans: String) {
            let difference = statistics.paired(returns(a), minus: returns(b))
            let verdict = difference.upper < 0 ? lowerMeans : difference.lower > 0 ? higherMeans : "no difference resolved at 95%"
            findings.append(Finding(claim: claim, first: a.label, second: b.label, difference: difference, verdict: verdict))
        }
        func sameBudget(_ a: AttackSetting, _ b: AttackSetting) -> Bool {
            a.budget == b.budget && a.fraction == b.fraction
        }
        for align in results where align.setting.attack == .align {
            let noises = results.filter { $0.setting.attack.isNoise && sameBudget($0.setting, align.setting) }
            if let strongest = noises.min(by: { $0.meanReturn.value < $1.meanReturn.value }) {
                compare("Align beats the strongest noise at equal budget", align, strongest,
                        lowerMeans: "holds: Align's return is lower", higherMeans: "does not hold: the noise hurts more")
            }
            if align.setting.samples == 1000,
               let more = results.first(where: { $0.setting.attack == .align && $0.setting.samples == 5000 && sameBudget($0.setting, align.setting) && $0.setting.steps == align.setting.steps }) {
                compare("1,000 samples are enough (no gain from 5,000)", more, align,
                        lowerMeans: "does not hold: 5,000 samples hurt more", higherMeans: "holds: 5,000 samples hurt less")
            }
        }
        for (targetedKind, plainKind) in [(AttackKind.alignTargeted, AttackKind.align), (.hadamardTargeted, .hadamard)] {
            for targeted in results where targeted.setting.attack == targetedKind {
                if let plain = results.first(where: { $0.setting.attack == plainKind && sameBudget($0.setting, targeted.setting)
                        && $0.setting.steps == targeted.setting.steps && (plainKind == .hadamard || $0.setting.samples == targeted.setting.samples) }) {
                    compare("the targeted variant adds damage", targeted, plain,
                            lowerMeans: "holds: targeting lowers the return", higherMeans: "does not hold: targeting hurts less")
                }
            }
        }
        for whiteBox in results where whiteBox.setting.attack == .pgd || whiteBox.setting.attack == .fgsm {
            for other in results where !other.setting.attack.isWhiteBox && other.setting.attack != .clean && sameBudget(other.setting, whiteBox.setting) {
                compare("the white-box attack bounds the black-box ones", whiteBox, other,
                        lowerMeans: "holds: the white-box return is lower", higherMeans: "does not hold: the black-box attack hurts more")
            }
        }
        return findings
    }
}

extension AttackKind {
    /// Whether the attack reads the victim's network.
    public var isWhiteBox: Bool { self == .fgsm || self == .pgd }
}
