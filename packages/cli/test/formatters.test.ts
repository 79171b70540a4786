/** The formatters are pure: findings in, text out. */
import type { Finding } from '@deadbolt/rules';
import { formatJson } from '../src/formatters/json';
import { formatRulesMarkdown, replaceRulesTable, rulesTableIn } from '../src/formatters/markdown';
import { summaryLine, type CheckReport } from '../src/formatters/report';
import { formatSarif } from '../src/formatters/sarif';
import { formatText } from '../src/formatters/text';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'rds-deletion-protection',
    title: 'RDS databases have deletion protection on',
    severity: 'error',
    resource: {
      key: 'Stack/Db',
      logicalId: 'Db',
      type: 'AWS::RDS::DBInstance',
      path: 'Stack/Db/Resource',
      template: '/work/app/cdk.out/Stack.template.json',
      stack: 'Stack',
    },
    message: 'DeletionProtection is not set (CloudFormation default: false).',
    why: 'A stack delete removes the database.',
    fix: 'Set `DeletionProtection: true` on the resource.',
    fixes: { cloudformation: 'Set `DeletionProtection: true` on the resource.' },
    acknowledgeWith: 'Metadata: …',
    ...over,
  };
}

function report(findings: Finding[], over: Partial<CheckReport> = {}): CheckReport {
  return { findings, templates: 2, resources: 41, cwd: '/work/app', ...over };
}

describe('text', () => {
  test('one block per finding under its template, then the summary', () => {
    const out = formatText(report([finding(), finding({ ruleId: 'general-deletion-policy', severity: 'warning' })]));
    expect(out).toBe(
      [
        'cdk.out/Stack.template.json',
        '',
        '  error  rds-deletion-protection  Stack/Db/Resource (AWS::RDS::DBInstance)',
        '    DeletionProtection is not set (CloudFormation default: false).',
        '    Why: A stack delete removes the database.',
        '    Fix: Set `DeletionProtection: true` on the resource.',
        '    Acknowledge: Metadata: …',
        '',
        '  warning  general-deletion-policy  Stack/Db/Resource (AWS::RDS::DBInstance)',
        '    DeletionProtection is not set (CloudFormation default: false).',
        '    Why: A stack delete removes the database.',
        '    Fix: Set `DeletionProtection: true` on the resource.',
        '    Acknowledge: Metadata: …',
        '',
        '1 error, 1 warning in 2 templates (41 resources)',
        '',
      ].join('\n'),
    );
  });

  test('colors only when asked', () => {
    expect(formatText(report([finding()]), { color: true })).toContain('\u001b[31merror\u001b[0m');
    expect(formatText(report([finding()]), { color: false })).not.toContain('\u001b[');
  });

  test('a refused acknowledgement is shown with why', () => {
    const out = formatText(
      report([
        finding({ acknowledgementRefused: 'the acknowledgement of rds-deletion-protection expired on 2020-01-31.' }),
      ]),
    );
    expect(out).toContain(
      '    Acknowledgement refused: the acknowledgement of rds-deletion-protection expired on 2020-01-31.\n    Acknowledge: ',
    );
  });

  test('summary', () => {
    expect(summaryLine(report([], { templates: 1, resources: 1 }))).toBe(
      '0 errors, 0 warnings in 1 template (1 resource)',
    );
    const ack = finding({ severity: 'info', acknowledged: { ruleId: 'rds-deletion-protection', reason: 'Scratch.' } });
    expect(summaryLine(report([finding(), finding(), finding(), ack]))).toBe(
      '3 errors, 0 warnings, 1 acknowledged in 2 templates (41 resources)',
    );
  });
});

test('json: path is null without a construct path; template relative to cwd', () => {
  const out = JSON.parse(
    formatJson(
      report([
        finding({
          resource: { key: 'k', logicalId: 'Db', type: 'AWS::RDS::DBInstance', template: '/work/app/t/db.yaml' },
        }),
      ]),
    ),
  );
  expect(out.findings[0]).toMatchObject({ path: null, template: 't/db.yaml', logicalId: 'Db' });
  expect(out.summary).toEqual({ errors: 1, warnings: 0, acknowledged: 0, notes: 0, templates: 2, resources: 41 });
});

test('sarif: an acknowledged finding is a suppressed note; a template outside cwd is a file URI', () => {
  const ack = finding({
    severity: 'info',
    acknowledged: { ruleId: 'rds-deletion-protection', reason: 'Scratch.' },
    resource: { key: 'k', logicalId: 'Db', type: 'AWS::RDS::DBInstance', template: '/elsewhere/db.json' },
  });
  const log = JSON.parse(formatSarif(report([ack]), { rules: [], version: '1.2.3' }));
  const [result] = log.runs[0].results;
  expect(result.level).toBe('note');
  expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Scratch.' }]);
  expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('file:///elsewhere/db.json');
  expect(result.ruleIndex).toBeUndefined();
});

describe('markdown', () => {
  const rule = {
    id: 'x-y',
    title: 'A | B',
    why: 'Line one\nline two.',
    fix: 'Fix.',
    severity: 'warning' as const,
    resourceTypes: ['A::B::C', 'A::B::D', 'A::B::E', 'A::B::F', 'A::B::G'],
    document: () => undefined,
  };

  test('escapes pipes and newlines; long type lists are shortened', () => {
    expect(formatRulesMarkdown([rule]).split('\n')[2]).toBe(
      '| `x-y` | warning | A \\| B | `A::B::C`, `A::B::D`, `A::B::E` and 2 more | Line one line two. | Fix. |',
    );
  });

  test('replaceRulesTable and rulesTableIn agree', () => {
    const readme = '# R\n\n<!-- rules:start -->\nold\n<!-- rules:end -->\n';
    const updated = replaceRulesTable(readme, formatRulesMarkdown([rule]));
    expect(rulesTableIn(updated)).toBe(formatRulesMarkdown([rule]));
    expect(updated.endsWith('<!-- rules:end -->\n')).toBe(true);
    expect(() => replaceRulesTable('# no markers', 'x')).toThrow(/rules:start/);
  });
});
