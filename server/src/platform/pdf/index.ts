export {
  embedSubsetFace,
  loadPdfFaces,
  type PdfFace,
  type PdfFaceName,
  preloadPdfFonts,
  subsetPdfFace,
  unshapedFontkit,
} from './fonts.ts';
