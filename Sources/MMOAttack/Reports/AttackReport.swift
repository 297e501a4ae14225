import Foundation
import MMOEval

/// `report.md`: the study's settings against the clean run (IQM return and task completion with
/// 95% bootstrap intervals, paired changes, attacked against unattacked agents, survival), the
/// misalignment evidence, the perturbations' size and cost, and the checked claims.
public enum AttackReport {
    public static func markdown(_ results: AttackResults) -> String {
        func estimate(_ e: Estimate, _ format: String = "%.3f") -> String {
            e.value.isNaN ? "–" : "\(String(format: format, e.value)) [\(String(format: format, e.lower)), \(String(format: format, e.upper))]"
        }
        func percent(_ e: Estimate) -> String {
            e.value.isNaN ? "–" : String(format: "%.1f%% [%.1f, %.1f]", 100 * e.value, 100 * e.lower, 100 * e.upper)
        }
        func signed(_ value: Double) -> String { String(format: "%+.1f%%", value) }
        let clean = results.clean
        var out = """
        # Observation attacks on \(results.policy)

        \(results.schedule.episodes) episodes per setting (the same seeded episodes for every setting), \(results.teams) teams of \(results.teamSize) \
        per world, \(results.environments) worlds at a time; rules `\(results.config)`, maps `\(results.maps)`, tasks `\(results.curriculum)`; \
        seed \(results.seed); \(results.resamples) bootstrap resamples; \(results.threads) threads; \(String(format: "%.0f", results.seconds)) s.

        Command: `\(results.command)`

        Return is each agent's summed reward (task progress plus the death penalty) averaged over the world's agents; completion is the \
        fraction of agents completing their task; both are interquartile means over episodes with 95% percentile-bootstrap intervals. \
        Changes are paired by episode against the clean run. eps is the L-infinity budget as a fraction of each feature's range, k the tile \
        flips per agent per step, m the fraction of each team attacked, n the attacker's samples (team-steps) and K its gradient steps.

        ## Results

        | setting | return | change | completion | change | lifetime change | attacked return | unattacked return |
        |---|---|---|---|---|---|---|---|

        """
        for result in results.results {
            let isClean = result.setting.attack == .clean
            out += "| \(result.label) | \(estimate(result.meanReturn)) | \(isClean ? "" : "\(estimate(result.returnChange)) (\(signed(result.returnChangePercent)))") "
            out += "| \(percent(result.completion)) | \(isClean ? "" : percent(result.completionChange)) | \(isClean ? "" : signed(result.lifetimeChangePercent)) "
            out += "| \(isClean ? "" : estimate(result.attackedReturn)) | \(isClean ? "" : estimate(result.unattackedReturn)) |\n"
        }
        out += "\nClean: mean lifetime \(String(format: "%.1f", clean.lifetime.value)) ticks, episode length \(String(format: "%.1f", clean.meanEpisodeLength)) ticks.\n"

        let findings = results.findings
        if !findings.isEmpty {
            out += "\n## The reference's claims, checked here\n\n| claim | compared | IQM return difference | verdict |\n|---|---|---|---|\n"
            for finding in findings {
                out += "| \(finding.claim) | \(finding.first) − \(finding.second) | \(estimate(finding.difference)) | \(finding.verdict) |\n"
            }
        }

        let aligned = results.results.filter { $0.alignment != nil }
        if !aligned.isEmpty {
            out += "\n## Misalignment (f_theta)\n\n| setting | samples | f_theta validation MSE | predicting the mean | J clean | J attacked |\n|---|---|---|---|---|---|\n"
            for result in aligned {
                let a = result.alignment!
                out += "| \(result.label) | \(a.samples) | \(String(format: "%.5f", a.validationMSE)) | \(String(format: "%.5f", a.baselineMSE)) "
                out += "| \(String(format: "%.5f", a.cleanJ)) | \(String(format: "%.5f", a.attackedJ)) |\n"
            }
        }

        out += "\n## Perturbations and cost\n\n| setting | features changed per attacked agent-step | tiles flipped | largest change (of range) | attack ms/step | policy ms/step |\n|---|---|---|---|---|---|\n"
        for result in results.results {
            out += "| \(result.label) | \(String(format: "%.1f", result.featuresChangedPerStep)) | \(String(format: "%.2f", result.tilesFlippedPerStep)) "
            out += "| \(String(format: "%.3f", result.perturbation.largestChange)) | \(String(format: "%.2f", result.attackMillisecondsPerStep)) "
            out += "| \(String(format: "%.2f", result.policyMillisecondsPerStep)) |\n"
        }
        out += "\nA step is one step of all \(results.environments) worlds together; the policy's time includes writing the features.\n"
        return out
    }
}
