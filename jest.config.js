/** @type {import('jest').Config} */
const node = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
};

/**
 * Pages under miniprogram-simulate (jsdom): the pages' TypeScript and TDesign's ES-module
 * JavaScript in miniprogram/miniprogram_npm (built by `npm run build`) go through ts-jest.
 */
const miniprogram = {
  displayName: 'miniprogram',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/miniprogram'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
    '/miniprogram_npm/.+\\.js$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  setupFiles: ['<rootDir>/test/miniprogram/support/setup.ts'],
  // The real functions run in this jsdom project too: exceljs's uuid would resolve to its
  // browser ES module here; the Node build is what the functions use.
  moduleNameMapper: { '^uuid$': '<rootDir>/node_modules/uuid/dist/index.js' },
};

module.exports = {
  testTimeout: 30000,
  projects: [node, miniprogram],
};
