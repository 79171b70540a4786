/**
 * The catalogue's decision on every resource type it considered, from the
 * protection table: covered (what it holds, whether CloudFormation can snapshot
 * it, the settings that keep its data with their default, safe value and rule)
 * or out of scope (with the reason). `deadbolt rules --types` prints it; the
 * rules README carries the Markdown table between markers.
 */
import {
  MINIMUM_RETENTION,
  OUT_OF_SCOPE,
  PROTECTION_TABLE,
  type ProtectiveSetting,
  type StoreProtection,
} from '@deadbolt/rules';

export const TYPES_START_MARKER = '<!-- types:start -->';
export const TYPES_END_MARKER = '<!-- types:end -->';

function shown(v: unknown): string {
  if (v === MINIMUM_RETENTION) return 'the minimum retention (7 days unless configured)';
  if (v === undefined) return 'undocumented';
  return JSON.stringify(v);
}

function settingText(s: ProtectiveSetting): string {
  const where = s.cloudformation?.[0] ?? (s.terraform ? `${s.terraform[0]} (Terraform/Pulumi)` : '?');
  const parts = [`${where}: default ${shown(s.absent)}`];
  if (s.safe !== undefined || s.providerSafe !== undefined) parts.push(`safe ${shown(s.safe ?? s.providerSafe)}`);
  if (s.ruleId) parts.push(`rule ${s.ruleId}`);
  return parts.join(', ');
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

const sorted = <T extends { type: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => a.type.localeCompare(b.type));

function decision(store: StoreProtection): string {
  if (store.protectsOnly) return `not a data store; its settings protect ${store.protectsOnly}`;
  if (store.member?.required) return `member of ${store.member.clusterTypes.join(', ')} (judged by its cluster)`;
  return store.transient ? `data, transient: ${store.transient}` : 'data';
}

export function formatTypesText(): string {
  const out: string[] = [];
  for (const s of sorted(PROTECTION_TABLE)) {
    out.push(`${s.type}  ${decision(s)}`);
    out.push(`  Holds: ${s.holds}`);
    out.push(`  DeletionPolicy Snapshot: ${s.snapshot ? 'supported' : 'not supported (CloudFormation deletes it)'}`);
    if (s.member && !s.member.required)
      out.push(`  In a cluster (${s.member.property} set): judged by its ${s.member.clusterTypes.join(', ')}`);
    for (const setting of s.settings) out.push(`  Keeps data: ${settingText(setting)}`);
    out.push('');
  }
  out.push('Out of scope:');
  for (const o of sorted(OUT_OF_SCOPE)) out.push(`  ${o.type}: ${o.reason}`);
  out.push('');
  const stores = PROTECTION_TABLE.filter((s) => !s.protectsOnly).length;
  out.push(
    `${stores} data store types, ${PROTECTION_TABLE.length - stores} types whose settings protect data held elsewhere, ${OUT_OF_SCOPE.length} out of scope.`,
  );
  return `${out.join('\n')}\n`;
}

export function formatTypesMarkdown(): string {
  const rows = [
    '| Resource type | Decision | Snapshot | Settings that keep the data (default, safe value, rule) |',
    '| --- | --- | --- | --- |',
    ...sorted(PROTECTION_TABLE).map(
      (s) =>
        `| \`${s.type}\` | ${cell(`${decision(s)}: ${s.holds}`)} | ${s.snapshot ? 'yes' : 'no'} | ${
          s.settings.length ? cell(s.settings.map(settingText).join('; ')) : '(removal rules only)'
        } |`,
    ),
    ...sorted(OUT_OF_SCOPE).map((o) => `| \`${o.type}\` | out of scope: ${cell(o.reason)} | | |`),
  ];
  return `${rows.join('\n')}\n`;
}

export function formatTypesJson(): string {
  const types = [
    ...sorted(PROTECTION_TABLE).map((s) => ({
      type: s.type,
      decision: s.protectsOnly ? 'protects' : s.member?.required ? 'member' : 'data',
      holds: s.holds,
      snapshot: s.snapshot,
      transient: s.transient,
      member: s.member,
      settings: s.settings.map((x) => ({
        label: x.label,
        cloudformation: x.cloudformation,
        terraform: x.terraform,
        default: x.absent,
        safe: x.safe === MINIMUM_RETENTION ? 'minimumBackupRetentionDays' : x.safe,
        ruleId: x.ruleId,
      })),
    })),
    ...sorted(OUT_OF_SCOPE).map((o) => ({ type: o.type, decision: 'out-of-scope', reason: o.reason })),
  ];
  return `${JSON.stringify({ types }, null, 2)}\n`;
}

/** Replaces what is between the types markers of `readme` with `table`; throws when the markers are missing. */
export function replaceTypesTable(readme: string, table: string): string {
  const start = readme.indexOf(TYPES_START_MARKER);
  const end = readme.indexOf(TYPES_END_MARKER);
  if (start < 0 || end < start)
    throw new Error(`The README has no ${TYPES_START_MARKER} … ${TYPES_END_MARKER} section.`);
  return `${readme.slice(0, start + TYPES_START_MARKER.length)}\n${table}${readme.slice(end)}`;
}

/** What is between the types markers, as `replaceTypesTable` writes it. */
export function typesTableIn(readme: string): string | undefined {
  const start = readme.indexOf(TYPES_START_MARKER);
  const end = readme.indexOf(TYPES_END_MARKER);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + TYPES_START_MARKER.length + 1, end);
}
