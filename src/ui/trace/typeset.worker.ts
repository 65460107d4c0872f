// Typesets formulas too large for the page's thread; the page inserts the HTML (KaTeX with trust off runs no script).
import { typesetTex } from './katex-typeset.ts';
import type { TypesetRequest, TypesetReply } from './offthread-typeset.ts';

self.onmessage = (event: MessageEvent<TypesetRequest>) => {
  const { id, tex, display } = event.data;
  const reply: TypesetReply = { id, html: typesetTex(tex, display) };
  self.postMessage(reply);
};
