import type { TestProject } from 'vitest/node';
import { serveWeb } from '../../scripts/web.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Build the web app once and serve it for every end-to-end test. */
export default async function setup(project: TestProject) {
  const server = await serveWeb({ quiet: true, port: 4317 });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}
