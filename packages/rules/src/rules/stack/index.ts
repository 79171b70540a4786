import stackTerminationProtection from './stack-termination-protection';

export const STACK_RULES = [stackTerminationProtection];
