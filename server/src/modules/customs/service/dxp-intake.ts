import { parseDxpMessage } from '../formats/dxp/index.ts';

// The E-port client drops a DxpMsg (or the server-side DxpMsgSv) around the CEB message, base64
// in its Data element; a platform's own system usually sends the bare CEB XML. Both are taken.
const DXP_ROOT =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?DxpMsg(?:Sv)?[\s>/]/;

/** The CEB message of a submission: the body itself, or the message a DXP envelope carries. */
export const unwrapDxp = (
  body: string,
): { cebXml: string; envelope: ReturnType<typeof parseDxpMessage> | null } => {
  const text = body.replace(/^\uFEFF/, '');
  if (!DXP_ROOT.test(text)) {
    return { cebXml: text, envelope: null };
  }
  const envelope = parseDxpMessage(text);
  return { cebXml: envelope.cebXml, envelope };
};
