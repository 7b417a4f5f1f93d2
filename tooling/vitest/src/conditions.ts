/** Export conditions that make workspace packages resolve to their TypeScript sources (no build needed). */
export const sourceConditions = ['@tillkit/source', 'import', 'module', 'node', 'default'];
