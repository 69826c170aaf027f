// The three web apps, built by Vite into web/dist and served by the API server (src/kernel/http/web.ts):
// the storefront at /, the merchant console at /merchant/, the operator console at /operator/.
// Each is its own entry, so the storefront's initial JavaScript carries none of the consoles'.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        storefront: here('index.html'),
        merchant: here('merchant/index.html'),
        operator: here('operator/index.html'),
      },
    },
  },
  server: {
    // `npm run web:dev`: the API runs on its own port; Vite proxies it so cookies stay first-party.
    proxy: Object.fromEntries(
      ['/v1', '/openapi.json', '/docs'].map((p) => [p, { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false }]),
    ),
  },
});
