export { type CodeLists, loadCodeLists } from './code-lists.ts';
export { type ImportProgress, importUnlocode } from './import-unlocode.ts';
export { registerCodeRoutes } from './routes.ts';
