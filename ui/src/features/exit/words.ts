// The exit plan's vocabularies in words, in the order the forms offer them.
import type {
  AlternativeKind,
  AlternativeReadiness,
  AssetDisposition,
  AssetKind,
  DataDisposition,
  DiscontinuingImpact,
  FinancialResult,
  OperationalResult,
  Payer,
  Reintegration,
  ScenarioKind,
  StepStatus,
  Substitutability,
  SubstitutabilityReason,
  TestKind,
  Trigger,
} from "../../bindings";

export const SCENARIO_KINDS: [ScenarioKind, string][] = [
  ["planned", "Planned exit (end of term, convenience, strategy)"],
  ["stressed", "Stressed exit (insolvency, sudden failure)"],
];

/// The checklist of triggers: DORA Art. 28(7) first, then the usual others.
export const TRIGGERS: [Trigger, string][] = [
  ["breach_of_law_or_contract", "Significant breach of law, regulation or contract"],
  ["provider_change", "Monitoring findings or a material change at the partner"],
  ["ict_risk_weakness", "Weaknesses in the partner's ICT risk management"],
  ["supervision_impeded", "The supervisor can no longer supervise"],
  ["insolvency", "Insolvency or sudden failure of the partner"],
  ["change_of_control", "Change of control of the partner"],
  ["sla_breach", "Persistent breach of the service levels"],
];

export const STEP_STATUSES: [StepStatus, string][] = [
  ["not_started", "Not started"],
  ["in_progress", "In progress"],
  ["done", "Done"],
];

export const SUBSTITUTABILITY: [Substitutability, string][] = [
  ["not_substitutable", "Not substitutable"],
  ["highly_complex", "Highly complex"],
  ["medium", "Medium complexity"],
  ["easy", "Easily substitutable"],
];

export const REASONS: [SubstitutabilityReason, string][] = [
  ["no_alternatives", "No real alternatives"],
  ["difficult_migration", "Difficult migration or reintegration"],
  ["both", "Both"],
];

export const REINTEGRATION: [Reintegration, string][] = [
  ["easy", "Easy"],
  ["difficult", "Difficult"],
  ["highly_complex", "Highly complex"],
];

export const IMPACT: [DiscontinuingImpact, string][] = [
  ["low", "Low"],
  ["medium", "Medium"],
  ["high", "High"],
  ["not_assessed", "Not assessed"],
];

export const DATA_DISPOSITIONS: [DataDisposition, string][] = [
  ["returned", "Returned to us"],
  ["deleted", "Deleted"],
  ["transferred", "Transferred to the new provider"],
  ["bought_out", "Bought out"],
];

export const PAYERS: [Payer, string][] = [
  ["us", "We pay"],
  ["partner", "The partner pays"],
  ["shared", "Shared"],
];

export const ASSET_KINDS: [AssetKind, string][] = [
  ["code", "Code"],
  ["model", "Model"],
  ["data", "Data"],
  ["trademark", "Trademark"],
  ["licence", "Licence"],
  ["escrowed_source", "Escrowed source code"],
  ["documentation", "Documentation"],
  ["other", "Other"],
];

export const ASSET_DISPOSITIONS: [AssetDisposition, string][] = [
  ["joint_ownership", "Joint ownership"],
  ["licence", "Licence"],
  ["assigned_to_us", "Assigned to us"],
  ["assigned_to_partner", "Assigned to the partner"],
];

export const ALTERNATIVE_KINDS: [AlternativeKind, string][] = [
  ["provider", "Another provider"],
  ["in_house", "In house"],
];

export const ALTERNATIVE_READINESS: [AlternativeReadiness, string][] = [
  ["identified", "Identified"],
  ["evaluated", "Evaluated"],
  ["contracted", "Contracted"],
  ["ready", "Ready to take over"],
];

export const TEST_KINDS: [TestKind, string][] = [
  ["desk_review", "Desk review"],
  ["tabletop", "Tabletop"],
  ["dry_run_migration", "Dry-run migration"],
  ["partial_live_exit", "Partial live exit"],
];

export const OPERATIONAL: [OperationalResult, string][] = [
  ["pass", "Pass"],
  ["partial", "Partial"],
  ["fail", "Fail"],
];

export const FINANCIAL: [FinancialResult, string][] = [
  ["pass", "Pass"],
  ["fail", "Fail"],
  ["not_assessed", "Not assessed"],
];

/// The label of a value in one of the lists above.
export function labelOf<T extends string>(list: [T, string][], value: T | null | undefined): string {
  return list.find(([v]) => v === value)?.[1] ?? "";
}

export const LEVELS = { ready: "Ready", gaps: "Gaps", not_ready: "Not ready" } as const;
