import type { IConstruct } from 'constructs';
import { AcknowledgementIndex, PLUGIN_NAME } from './acknowledgements';

/**
 * The suffix of the rule name under which the plugin reports a finding whose
 * acknowledgement it refused (no reason, expired): `<rule>[acknowledgement-refused]`.
 */
export const REFUSED_SUFFIX = '[acknowledgement-refused]';

/**
 * An acknowledgement that names a refusal (`deadbolt::<rule>[acknowledgement-refused]`,
 * or any id containing `[acknowledgement-refused`) on the construct or one of its
 * ancestors: an attempt to accept what Deadbolt refused, itself refused. Returns
 * why, or `undefined` when there is none. Pass the `index` of the current
 * judgement to read each construct's metadata once.
 */
export function acknowledgedRefusal(
  construct: IConstruct,
  ruleId: string,
  index: AcknowledgementIndex = new AcknowledgementIndex(),
): string | undefined {
  const found = index.refusalOf(construct, ruleId);
  if (!found) return undefined;
  const { id, at: c } = found;
  return `\`${id}\` at ${c.node.path || '<app>'} acknowledges a refused acknowledgement, which Deadbolt never accepts: remove it, and acknowledge \`${PLUGIN_NAME}::${ruleId}\` with a written reason (and no expiry, or one that has not passed), as "To accept the risk" shows.`;
}
