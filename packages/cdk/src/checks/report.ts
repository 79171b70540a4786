import { Annotations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '@deadbolt/rules';
import { PLUGIN_NAME } from './acknowledgements';

/** The annotation text for one finding: what, why, fix, and how to accept it. */
export function annotationText(f: Finding): string {
  const head = `[${PLUGIN_NAME}::${f.ruleId}] ${f.title}. ${f.message}`;
  if (f.acknowledged) {
    const expiry = f.acknowledged.expires ? ` (until ${f.acknowledged.expires})` : '';
    return `${head} Acknowledged at ${f.acknowledged.source ?? 'this construct'}${expiry}: ${f.acknowledged.reason}`;
  }
  const refused = f.acknowledgementRefused ? ` Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${head} Why: ${f.why} Fix: ${f.fix}${refused} To accept the risk with a written reason: ${f.acknowledgeWith}`;
}

/** Adds the finding to the construct in CDK's idiom: an error fails `cdk synth`. */
export function annotate(construct: IConstruct, f: Finding): void {
  const text = annotationText(f);
  const a = Annotations.of(construct);
  switch (f.severity) {
    case 'error':
      a.addError(text);
      break;
    case 'warning':
      a.addWarningV2(`${PLUGIN_NAME}::${f.ruleId}`, text);
      break;
    default:
      a.addInfo(text);
  }
}
