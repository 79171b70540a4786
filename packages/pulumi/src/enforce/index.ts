export * from './enforce-data-protection';
export {
  findingText,
  acknowledgementLine,
  type DataProtectionAcknowledgement,
  type DataProtectionJudgingArgs,
  type DataProtectionJudgement,
  type DataProtectionSeverity,
} from '../model/judging';
