import { labelOf, listLength, locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import type { NormalisedResource } from '../../../model';
import { plural } from '../../../text/plural';
import { durationSeconds, googleFix, showDuration } from '../google-read';

/** Spanner keeps versions for at most 7 days. */
const SPANNER_MAX_DAYS = 7;
/** DDL statements read, at most. */
const MAX_DDL = 1000;
/** `version_retention_period = '3d'` in GoogleSQL `SET OPTIONS (...)` or PostgreSQL `SET spanner.version_retention_period`. */
const DDL_OPTION = /version_retention_period\s*=\s*(?:'([^']{0,32})'|"([^"]{0,32})"|(null))/gi;

/**
 * Spanner databases keep old versions of their data (point-in-time recovery)
 * for at least the minimum retention (`minimumBackupRetentionDays`, 7 days
 * unless configured), or the 7 days Spanner allows at most.
 *
 * `version_retention_period` is how far back a database can be read and
 * restored (point-in-time recovery). It defaults to 1 hour: a bad write or a
 * dropped table noticed an hour later cannot be undone from the database
 * itself. It can also be set by an `ALTER DATABASE … SET OPTIONS
 * (version_retention_period = '…')` statement in `ddl`, which is read when the
 * argument is not set.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/spanner_database#version_retention_period
 * @see https://cloud.google.com/spanner/docs/pitr
 */
export default defineRule({
  id: 'spanner-database-version-retention',
  title: 'Spanner databases keep point-in-time recovery for at least the minimum retention',
  why: 'Versions older than version_retention_period (1 hour by default) are discarded, so a bad write or a dropped table noticed later cannot be read back or restored from the database.',
  fix: 'Set version_retention_period to at least the minimum retention (7d, the longest Spanner allows, by default).',
  severity: 'error',
  resourceTypes: ['google_spanner_database'],
  google(resource, ctx) {
    const days = Math.min(ctx.options.minimumBackupRetentionDays, SPANNER_MAX_DAYS);
    const want = `at least ${plural(days, 'day')}${ctx.options.minimumBackupRetentionDays > SPANNER_MAX_DAYS ? ' (the longest Spanner allows)' : ''}`;
    const fix = googleFix(
      `Set \`version_retention_period = "${days}d"\` on the \`google_spanner_database\` (and keep it out of \`ddl\`).`,
      `Pass \`versionRetentionPeriod: "${days}d"\` to the \`gcp.spanner.Database\` (and keep it out of \`ddls\`).`,
    );
    const field = labelOf(resource, ['version_retention_period']);
    const base = { fix, location: locationOf(resource, ['version_retention_period']) };
    const r = readProperty(resource, 'version_retention_period');
    if (r.kind === 'unresolved')
      return {
        ...base,
        unresolved: true,
        message: `${field} is ${quote(r.expression)} and cannot be proven ${want}: ${r.reason}.`,
      };
    if (r.kind === 'known' && r.value !== null) return judge(r.value, `${field} is`, base, days, want);
    const ddlField = labelOf(resource, ['ddl']);
    const ddl = fromDdl(resource);
    if (ddl.kind === 'unresolved')
      return {
        ...base,
        location: locationOf(resource, ['ddl']),
        unresolved: true,
        message: `${field} is not set and ${ddlField} is ${quote(ddl.expression)}, which cannot be proven to set it ${want}: ${ddl.reason}.`,
      };
    if (ddl.kind === 'set')
      return judge(
        ddl.value,
        `the ${ddlField} statement ${quote(ddl.statement, 120)} sets version_retention_period to`,
        { ...base, location: locationOf(resource, ['ddl']) },
        days,
        want,
      );
    return {
      ...base,
      message: `${field} is not set (provider default: 1h, 1 hour); it must be ${want}.`,
    };
  },
});

/** `said` words where the value comes from: "versionRetentionPeriod is", "the ddl statement … sets … to". */
function judge(
  value: unknown,
  said: string,
  base: Pick<Violation, 'fix' | 'location'>,
  days: number,
  want: string,
): Violation | undefined {
  const seconds = durationSeconds(value);
  if (seconds === undefined)
    return {
      ...base,
      unresolved: true,
      message: `${said} ${quote(value)}, which is not a duration; it must be ${want}.`,
    };
  if (seconds >= days * 86400) return undefined;
  return { ...base, message: `${said} ${quote(value)} (${showDuration(seconds)}); it must be ${want}.` };
}

type DdlReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'set'; readonly value: unknown; readonly statement: string }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

/** The last `version_retention_period` the database's DDL statements set, if any. */
function fromDdl(resource: NormalisedResource): DdlReading {
  const path = ['ddl'];
  const count = listLength(resource, path);
  if (typeof count !== 'number') return count;
  let found: DdlReading = { kind: 'none' };
  for (let i = 0; i < Math.min(count, MAX_DDL); i++) {
    const s = readProperty(resource, 'ddl', i);
    if (s.kind === 'unresolved') return s;
    if (s.kind !== 'known' || typeof s.value !== 'string') continue;
    DDL_OPTION.lastIndex = 0;
    for (let m = DDL_OPTION.exec(s.value), n = 0; m && n < 16; m = DDL_OPTION.exec(s.value), n++) {
      // `= null` resets the option to its default of 1 hour.
      found = { kind: 'set', value: m[3] ? '1h' : (m[1] ?? m[2]), statement: s.value };
    }
  }
  return found;
}
