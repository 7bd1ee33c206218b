/**
 * One plotly.js for a whole site. A figure's HTML inlines plotly.js (src/plot/render.ts), so a
 * notebook exported on its own draws offline; a site of many pages would carry 4.8 MB a page.
 * Here each page's inlined copies become one `<script src>` of a shared file in the site folder
 * (a relative path: the folder, or a zip of it, still opens offline). The shared file keeps the
 * same wrapper, so it behaves exactly as the inlined copy did.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLOTLY_CLOSE, PLOTLY_OPEN, plotlySource } from '../plot/render.js';

export const PLOTLY_ASSET = 'plotly.min.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An inlined copy: the wrapper, the library (its `</script` escaped, so the first close is its own), the close. */
const INLINED = new RegExp(`<script type="text/javascript">${escapeRe(PLOTLY_OPEN)}[\\s\\S]*?${escapeRe(PLOTLY_CLOSE)}</script>\\n?`, 'g');

/** The site's shared plotly file, written once per site. */
export function writePlotlyAsset(siteDir: string): string {
  const file = join(siteDir, PLOTLY_ASSET);
  writeFileSync(file, `${PLOTLY_OPEN}${plotlySource()}${PLOTLY_CLOSE}\n`);
  return file;
}

/**
 * A page of the site with its inlined plotly copies replaced: the first by a script tag loading
 * the shared file (it runs before the figure scripts after it, as the inlined copy did), the
 * others dropped. Returns how many copies it replaced.
 */
export function sharePlotly(page: string): number {
  const html = readFileSync(page, 'utf8');
  let n = 0;
  const out = html.replace(INLINED, () => (n++ === 0 ? `<script type="text/javascript" src="${PLOTLY_ASSET}"></script>\n` : ''));
  if (n) writeFileSync(page, out);
  return n;
}
