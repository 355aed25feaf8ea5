import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server; `vite dev` forwards every server-owned path to it so the app stays same-origin.
const apiTarget = 'http://127.0.0.1:3000';
const serverPaths = ['/api', '/v1', '/docs', '/health', '/ready'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // 'source' makes workspace packages (@tandem/contracts) resolve to their TypeScript sources.
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(serverPaths.map((p) => [p, { target: apiTarget, changeOrigin: false }])),
  },
});
