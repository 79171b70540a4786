/** The program Pulumi runs (`main` in Pulumi.yaml): the stack outputs are the module's exports. */
import { twoAccountProgram } from './program';

export = twoAccountProgram().outputs;
