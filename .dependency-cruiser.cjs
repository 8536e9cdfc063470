/**
 * The house rules, checked by dependency-cruiser in `npm test` (test/boundaries.test.ts):
 * core/ is the shared ground (parser, document model, exports) and reaches into no app;
 * the extension and the editor share core/ and never each other; nothing ships test code;
 * no module takes part in an import cycle, type-only imports included.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-self-contained',
      comment: 'core/ is shared by the CLI, the extension, the editor and the sync server: it imports neither app.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(editor|extension)/' },
    },
    {
      name: 'extension-not-editor',
      comment: 'The extension talks to the editor through core/handoff, not by importing it.',
      severity: 'error',
      from: { path: '^extension/' },
      to: { path: '^editor/' },
    },
    {
      name: 'editor-not-extension',
      severity: 'error',
      from: { path: '^editor/' },
      to: { path: '^extension/' },
    },
    {
      name: 'core-pure-no-node',
      comment: 'Outside the CLI and *.node.ts loaders, core/ runs in pages and workers: no Node built-ins.',
      severity: 'error',
      from: { path: '^core/', pathNot: '^core/cli/|\\.node\\.ts$|\\.test\\.ts$|\\.mjs$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: '^(core|editor|extension)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
    {
      name: 'no-circular',
      comment: 'Types shared by two modules live in the module that owns them.',
      severity: 'error',
      from: { path: '^(core|editor|extension)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^(core|editor|extension)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
