// Build of the Kashf workbench into web/dist, served by `kashf serve --static web/dist`.
// Everything the page needs is bundled or emitted under /assets/: no CDN, no web fonts, no
// requests beyond the page's own origin (the browser tests fail on any other request).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` against a local `kashf serve --port 8080` (API only).
    proxy: { '/api': 'http://127.0.0.1:8080' },
    // the maps read data/reference/*.tsv from the repository root
    fs: { allow: ['..'] },
  },
});
