import MMOEval

/// What one setting did, against the clean run on the same episodes: interquartile means with 95%
/// bootstrap intervals (the drops paired by episode), attacked against unattacked agents, the
/// perturbations' size and cost, and, where f_theta was fitted, its fit and the misalignment J.
public struct SettingResult: Sendable, Codable {
    public let setting: AttackSetting
    public let label: String
    public let episodes: Int
    public let meanReturn: Estimate
    public let completion: Estimate
    public let lifetime: Estimate
    /// IQM(setting) - IQM(clean), paired by episode (negative: the attack hurt).
    public let returnChange: Estimate
    public let completionChange: Estimate
    public let lifetimeChange: Estimate
    /// The return change as a percentage of |clean IQM return|.
    public let returnChangePercent: Double
    public let lifetimeChangePercent: Double
    public let meanEpisodeLength: Double
    public let attackedReturn: Estimate
    public let unattackedReturn: Estimate
    public let attackedCompletion: Estimate
    public let unattackedCompletion: Estimate
    public let perturbation: PerturbationStatistics
    /// Per attacked agent-step: numeric features and tiles changed.
    public let featuresChangedPerStep: Double
    public let tilesFlippedPerStep: Double
    /// Wall time per environment step (all worlds together): the attack's and the policy's.
    public let attackMillisecondsPerStep: Double
    public let policyMillisecondsPerStep: Double
    public let alignment: AlignmentEvidence?
    public let outcomes: [EpisodeOutcome]

    public init(setting: AttackSetting, played: AttackRunner.Played, clean: [EpisodeOutcome], perturbation: PerturbationStatistics,
                alignment: AlignmentEvidence?, statistics: InterquartileMean) {
        let outcomes = played.outcomes
        precondition(outcomes.map(\.episode) == clean.map(\.episode), "settings pair with the clean run episode by episode")
        self.setting = setting
        label = setting.label
        episodes = outcomes.count
        func column(_ key: KeyPath<EpisodeOutcome, Double>, _ of: [EpisodeOutcome]) -> [Double] { of.map { $0[keyPath: key] } }
        meanReturn = statistics.estimate(column(\.meanReturn, outcomes))
        completion = statistics.estimate(column(\.completion, outcomes))
        lifetime = statistics.estimate(column(\.meanLifetime, outcomes))
        returnChange = statistics.paired(column(\.meanReturn, outcomes), minus: column(\.meanReturn, clean))
        completionChange = statistics.paired(column(\.completion, outcomes), minus: column(\.completion, clean))
        lifetimeChange = statistics.paired(column(\.meanLifetime, outcomes), minus: column(\.meanLifetime, clean))
        let cleanReturn = InterquartileMean.of(column(\.meanReturn, clean)), cleanLifetime = InterquartileMean.of(column(\.meanLifetime, clean))
        returnChangePercent = cleanReturn != 0 ? 100 * returnChange.value / abs(cleanReturn) : 0
        lifetimeChangePercent = cleanLifetime != 0 ? 100 * lifetimeChange.value / cleanLifetime : 0
        meanEpisodeLength = outcomes.isEmpty ? 0 : Double(outcomes.reduce(0) { $0 + $1.length }) / Double(outcomes.count)
        attackedReturn = statistics.estimate(column(\.attackedReturn, outcomes))
        unattackedReturn = statistics.estimate(column(\.unattackedReturn, outcomes))
        attackedCompletion = statistics.estimate(column(\.attackedCompletion, outcomes))
        unattackedCompletion = statistics.estimate(column(\.unattackedCompletion, outcomes))
        self.perturbation = perturbation
        let agentSteps = Double(max(perturbation.agentSteps, 1))
        featuresChangedPerStep = Double(perturbation.featuresChanged) / agentSteps
        tilesFlippedPerStep = Double(perturbation.tilesFlipped) / agentSteps
        let steps = Double(max(played.steps, 1))
        attackMillisecondsPerStep = Double(played.attackNanoseconds) / 1e6 / steps
        policyMillisecondsPerStep = Double(played.policyNanoseconds) / 1e6 / steps
        self.alignment = alignment
        self.outcomes = outcomes
    }
}

/// Evidence that an attack raised misalignment: f_theta's fit on the attacker's collected samples
/// (validation MSE against predicting the mean) and the mean J per attacked team-step, on the clean
/// and on the attacked observations of the same steps.
public struct AlignmentEvidence: Sendable, Equatable, Codable {
    public let samples: Int
    public let trainMSE: Double
    public let validationMSE: Double
    /// The validation MSE of predicting the training mean: what f_theta must beat.
    public let baselineMSE: Double
    public let cleanJ: Double
    public let attackedJ: Double

    public init(samples: Int, trainMSE: Double, validationMSE: Double, baselineMSE: Double, cleanJ: Double, attackedJ: Double) {
        self.samples = samples
        self.trainMSE = trainMSE
        self.validationMSE = validationMSE
        self.baselineMSE = baselineMSE
        self.cleanJ = cleanJ
        self.attackedJ = attackedJ
    }
}
