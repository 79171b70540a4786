import { Annotations, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '@deadbolt/rules';
import { PLUGIN_NAME } from './acknowledgements';

/**
 * The annotation text for one finding: what, why, fix, and how to accept it.
 * CDK appends the id (`(deadbolt::<rule>)`), which the CDK CLI shows as the rule.
 */
export function annotationText(f: Finding): string {
  const head = `${f.title}. ${f.message}`;
  if (f.acknowledged) {
    const expiry = f.acknowledged.expires ? ` (until ${f.acknowledged.expires})` : '';
    return `[${PLUGIN_NAME}::${f.ruleId}] ${head} Acknowledged at ${f.acknowledged.source ?? 'this construct'}${expiry}: ${f.acknowledged.reason}`;
  }
  const refused = f.acknowledgementRefused ? ` Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${head} Why: ${f.why} Fix: ${f.fix}${refused} To accept the risk with a written reason: ${f.acknowledgeWith}.`;
}

/** Adds the finding to the construct in CDK's idiom: an error fails `cdk synth`. */
export function annotate(construct: IConstruct, f: Finding): void {
  const id = `${PLUGIN_NAME}::${f.ruleId}`;
  const text = annotationText(f);
  switch (f.severity) {
    case 'error':
      Validations.of(construct).addError(id, text);
      break;
    case 'warning':
      Validations.of(construct).addWarning(id, text);
      break;
    default:
      Annotations.of(construct).addInfo(text);
  }
}
