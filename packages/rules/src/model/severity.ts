/**
 * How a finding is treated: `error` fails synthesis and exits 1, `warning` is reported
 * and lets the run pass, `info` is for the record (acknowledged findings, notes).
 */
export type Severity = 'error' | 'warning' | 'info';

/** A per-rule override: a severity, or `off` to skip the rule entirely. */
export type SeverityOverride = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
