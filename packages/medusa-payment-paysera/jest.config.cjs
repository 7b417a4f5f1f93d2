// Medusa's test runners are made for jest (platforms.md A1.5). @swc/jest compiles our TypeScript, the
// workspace packages (resolved to their sources through the @tillkit/source condition) and the ESM-only
// dependencies to CommonJS, so Medusa's require() can load them.
const esmOnly = ['ky', '@tillkit'];
module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@tillkit/source', 'node', 'require', 'default'] },
  testMatch: ['<rootDir>/{src,test,e2e}/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2023' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmOnly.join('|')})[@+/])`],
  testTimeout: 120_000,
};
