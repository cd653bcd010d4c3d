#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx danso` works right after `npm ci`.
import { register } from 'tsx/esm/api';
// A reader that stops early (`danso quality … | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../analysis/cli/main.ts');
await main(process.argv);
