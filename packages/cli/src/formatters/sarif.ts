/**
 * SARIF 2.1.0 for GitHub code scanning: the rules that ran as
 * `tool.driver.rules`, one result per finding, located in its template (file
 * and line) and by construct path or logical id. Acknowledged findings are
 * results with an in-source suppression.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Finding, Rule, Severity } from '@deadbolt/rules';
import type { CheckReport } from './report';
import { reportPath } from '../paths';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifOptions {
  /** The rules that ran, listed as `tool.driver.rules`. */
  readonly rules: readonly Rule[];
  /** The CLI's version. */
  readonly version: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

function level(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

function uriOf(finding: Finding, cwd: string): string {
  const template = finding.resource.template;
  if (!template) return 'stdin';
  const p = reportPath(template, cwd);
  return path.isAbsolute(p) ? pathToFileURL(p).href : p;
}

export function formatSarif(report: CheckReport, options: SarifOptions): string {
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const results = report.findings.map((f) => {
    const uri = uriOf(f, report.cwd);
    const identity = [f.ruleId, uri, f.resource.logicalId, f.location ?? ''].join('\u0000');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: level(f.severity),
      message: { text: `${f.message} Fix: ${f.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine: report.lines?.get(f.resource.key) ?? 1 },
          },
          logicalLocations: [
            {
              name: f.resource.logicalId,
              fullyQualifiedName: f.resource.path ?? f.resource.logicalId,
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: {
        'deadboltFinding/v1': createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex'),
      },
      properties: {
        resourceType: f.resource.type,
        ...(f.resource.stack ? { stack: f.resource.stack } : {}),
        acknowledgeWith: f.acknowledgeWith,
        ...(f.acknowledgementRefused ? { acknowledgementRefused: f.acknowledgementRefused } : {}),
        ...(f.unresolved ? { unresolved: true } : {}),
      },
    };
    if (f.acknowledged) {
      result.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.acknowledged.reason }];
    }
    return result;
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'deadbolt',
            version: options.version,
            semanticVersion: options.version,
            rules: options.rules.map((r) => ({
              id: r.id,
              name: r.id
                .split('-')
                .map((w) => w[0].toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: { text: r.fix },
              defaultConfiguration: { level: level(r.severity) },
              properties: { tags: ['data-protection'], resourceTypes: r.resourceTypes },
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
