import { defineConfig } from 'vite';

// Dev server: the API runs separately (npm run dev); /api is proxied to it.
export default defineConfig({
  server: {
    proxy: { '/api': process.env.ANCHORAGE_API ?? 'http://localhost:3000' },
  },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
  worker: { format: 'es' },
});
