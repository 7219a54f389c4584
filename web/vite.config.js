// Builds the console into web/dist, which `credo serve` serves at / (relative asset paths, so
// `credo serve --console DIR` may serve it from anywhere).
import { defineConfig } from 'vite';
import { permissionsPlugin } from './scripts/permissions.mjs';

export default defineConfig({
  base: './',
  plugins: [permissionsPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
