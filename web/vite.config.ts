/**
 * Vite config of the web app. `npm start` builds it through server/http/web.ts (same options);
 * for development run `npx vite web` beside `npm start`: /graphql and /healthz are proxied.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: {
    proxy: { '/graphql': 'http://localhost:4000', '/healthz': 'http://localhost:4000' },
  },
});
