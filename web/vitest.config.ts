import { defineConfig } from 'vitest/config';

// The web tests are pure (translation files, CSV escaping, formatting): no DOM environment needed.
export default defineConfig({
  test: {
    name: 'web',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
