import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { PLUGIN_NAME } from './acknowledgements';

/**
 * The suffix of the rule name under which the plugin reports a finding whose
 * acknowledgement it refused (no reason, expired): `<rule>[acknowledgement-refused]`.
 */
export const REFUSED_SUFFIX = '[acknowledgement-refused]';

/**
 * An acknowledgement that names a refusal (`deadbolt::<rule>[acknowledgement-refused]`,
 * or any id containing `[acknowledgement-refused`) on the construct or one of its
 * ancestors: an attempt to accept what Deadbolt refused, itself refused. Returns
 * why, or `undefined` when there is none.
 */
export function acknowledgedRefusal(construct: IConstruct, ruleId: string): string | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data || typeof entry.data !== 'object')
        continue;
      for (const id of Object.keys(entry.data as Record<string, unknown>)) {
        const i = id.indexOf('[acknowledgement-refused');
        if (i < 0) continue;
        // `deadbolt::x[…]`, `x[…]` and `Annotation::x[…]` all name rule x; another plugin's rule does not.
        const named = id.slice(0, i).replace(/^(deadbolt|Annotation|annotation)::/, '');
        if (named !== ruleId) continue;
        return `\`${id}\` at ${c.node.path || '<app>'} acknowledges a refused acknowledgement, which Deadbolt never accepts: remove it, and acknowledge \`${PLUGIN_NAME}::${ruleId}\` with a written reason (and no expiry, or one that has not passed), as "To accept the risk" shows.`;
      }
    }
  }
  return undefined;
}
