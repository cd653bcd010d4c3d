import type { Command } from 'commander';
import { registerImport } from './import.js';
import { registerQuality } from './quality.js';
import { registerIndicators } from './indicators.js';
import { registerTargets } from './targets.js';

/** Each command module registers itself on the program; later issues add theirs here. */
export const COMMANDS: Array<(program: Command) => void> = [registerImport, registerQuality, registerIndicators, registerTargets];
