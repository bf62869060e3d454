import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The kernel is a workspace package shipped as TypeScript source; pointing at the source
// explicitly keeps dev and build on the same file whatever the symlink layout of node_modules.
const kernelEntry = fileURLToPath(new URL('../packages/kernel/src/index.ts', import.meta.url));

const backend = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@tradehub/kernel': kernelEntry },
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
      '/docs': backend,
      '/openapi.json': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Ant Design alone is close to 1 MB minified and exceljs (loaded only on export) is larger;
    // the limit sits above those known chunks so a new warning means something unexpected grew.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than the app, so separate chunks stay cached across
        // releases. exceljs is deliberately not matched: it stays a lazy chunk fetched on export.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 30,
            },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@babel[\\/]runtime|dayjs|@emotion|stylis)[\\/]/,
              priority: 20,
            },
            {
              name: 'libs',
              test: /node_modules[\\/](i18next|react-i18next|@tanstack|html-parse-stringify|void-elements)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
