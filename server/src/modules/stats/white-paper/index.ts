export {
  generateWhitePaper,
  type WhitePaperFile,
  type WhitePaperFormat,
  whitePaperFormats,
} from './generate.ts';
export { type WhitePaperLang, whitePaperLangs } from './messages.ts';
export { renderWhitePaperHtml } from './render-html.ts';
export { renderWhitePaperPdf } from './render-pdf.ts';
export { buildWhitePaper, reproduceCommand, type WhitePaper, whitePaperVersion } from './report.ts';
export { registerWhitePaperRoutes } from './routes-white-paper.ts';
