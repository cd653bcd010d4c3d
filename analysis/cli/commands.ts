import type { Command } from 'commander';
import { registerImport } from './import.js';
import { registerQuality } from './quality.js';

/** Each command module registers itself on the program; later issues add theirs here. */
export const COMMANDS: Array<(program: Command) => void> = [registerImport, registerQuality];
