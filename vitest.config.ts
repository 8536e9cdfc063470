import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'extension/**/*.test.ts', 'editor/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
