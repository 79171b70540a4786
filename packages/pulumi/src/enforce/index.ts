export * from './enforce-data-protection';
export {
  findingText,
  acknowledgementLine,
  type DataProtectionAcknowledgement,
  type DataProtectionJudgingArgs,
  type DataProtectionJudgement,
} from '../model/judging';
