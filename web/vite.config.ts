/**
 * Vite config of the web app. `npm start` builds it through server/http/web.ts (same options);
 * for development run `npx vite web` beside `npm start`: /graphql, /auth and /healthz are
 * proxied. TSX is compiled by Vite's own transform (Oxc in Vite 8) with Preact's automatic JSX
 * runtime, as tsconfig.json says for the type check.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: {
    proxy: {
      '/graphql': 'http://localhost:4000',
      '/auth': 'http://localhost:4000',
      '/healthz': 'http://localhost:4000',
    },
  },
});
