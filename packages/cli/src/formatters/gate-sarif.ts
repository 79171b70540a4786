/**
 * The gate's report in SARIF 2.1.0: one result per blocked change (error) and
 * per approved change (note, with an accepted external suppression carrying the
 * approval's reason), located in the plan file and by address.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { createHash } from 'crypto';
import type { ApprovalAction, Decision } from '@deadbolt/rules';
import { SARIF_SCHEMA } from './sarif';
import { approveCommand, typeLabel, type GateOutput } from './gate-report';

/** One SARIF rule per approval action. */
export const GATE_RULES: ReadonlyArray<{
  readonly id: string;
  readonly action: ApprovalAction;
  readonly title: string;
  readonly why: string;
}> = [
  {
    id: 'plan-gate-delete',
    action: 'delete',
    title: 'Changes do not delete stored data',
    why: 'Deleting a resource that holds data deletes the data.',
  },
  {
    id: 'plan-gate-replace',
    action: 'replace',
    title: 'Changes do not replace stored data',
    why: 'A replacement creates a new, empty resource and deletes the old one with its data.',
  },
  {
    id: 'plan-gate-protection-lowered',
    action: 'update',
    title: 'Changes do not lower data protection',
    why: 'A lowered protection lets the next mistake delete the data, or leaves less to restore from.',
  },
  {
    id: 'plan-gate-unprotect',
    action: 'protect-off',
    title: 'Changes do not turn Pulumi protect off',
    why: 'With `protect` off, Pulumi no longer refuses to delete or replace the resource.',
  },
];

export function formatGateSarif(output: GateOutput, version: string): string {
  const index = new Map(GATE_RULES.map((r, i) => [r.action, i]));
  const uri = output.file ?? 'plan';
  const result = (d: Decision, level: 'error' | 'note') => {
    const rule = GATE_RULES[index.get(d.approvalAction ?? 'delete')!];
    return {
      ruleId: rule.id,
      ruleIndex: index.get(rule.action),
      level,
      message: { text: `${d.change.address} (${typeLabel(d)}): ${d.reasons.join(' ')}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
          logicalLocations: [{ name: d.change.address, fullyQualifiedName: d.change.address, kind: 'resource' }],
        },
      ],
      partialFingerprints: {
        'deadboltGate/v1': createHash('sha256').update(`${d.change.address}\u0000${d.approvalAction}`).digest('hex'),
      },
      properties: {
        resourceType: d.change.type ?? d.change.providerType,
        action: d.change.action,
        approveWith: approveCommand(output, d),
      },
    };
  };
  const results = [
    ...output.report.blocked.map((d) => result(d, 'error')),
    ...output.report.approved.map((d) => ({
      ...result(d, 'note'),
      suppressions: [{ kind: 'external', status: 'accepted', justification: d.approval.reason }],
    })),
  ];
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'deadbolt',
            version,
            semanticVersion: version,
            rules: GATE_RULES.map((r) => ({
              id: r.id,
              name: r.id
                .split('-')
                .map((w) => w[0].toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: {
                text: "Approve the exact change with the command in the result's `approveWith` property (after writing the reason), or change the plan so it keeps the data.",
              },
              defaultConfiguration: { level: 'error' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
