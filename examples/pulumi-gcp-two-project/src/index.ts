/** The program Pulumi runs (`main` in Pulumi.yaml): the stack outputs are the module's exports. */
import { twoProjectProgram } from './program';

export = twoProjectProgram().outputs;
