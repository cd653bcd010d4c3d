import type { Command } from 'commander';

/** Each command module registers itself on the program; later issues add theirs here. */
export const COMMANDS: Array<(program: Command) => void> = [];
