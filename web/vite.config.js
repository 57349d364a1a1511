// Vite bundles the dashboard into static files (scripts/build-web passes --outDir build/<preset>/web). Relative
// asset paths, no inline scripts (the server's Content-Security-Policy allows none) and no data: URLs for assets.
// `npm run dev` serves the sources with the API proxied to a dyad serve on port 8080.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
