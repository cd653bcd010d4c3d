#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx danso` works right after `npm ci`.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../analysis/cli/main.ts');
await main(process.argv);
