import ec2NoDeleteOnTermination from './ec2-no-delete-on-termination';

export const EC2_RULES = [ec2NoDeleteOnTermination];
