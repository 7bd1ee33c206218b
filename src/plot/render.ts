/**
 * A figure as a Jupyter MIME bundle: `application/vnd.plotly.v1+json` for JupyterLab, and a
 * `text/html` fallback with plotly.js inlined, so a notebook exported to HTML by nbconvert (which
 * keeps text/html, not the plotly MIME type) draws the plot offline. The inlined library is
 * ~4.5 MB; `inline: 'once'` puts it only in the first figure of a process (smaller notebooks, but
 * the export then depends on that first output being kept).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import type { Figure } from './figure.js';

const require = createRequire(import.meta.url);
let plotlyJs: string | undefined;
let inlined = false;

/**
 * The wrapper around the inlined library. Shadowing define/module/exports sends plotly's UMD
 * wrapper to its `self.Plotly = …` branch: nbconvert's HTML loads require.js when online, and an
 * AMD define() would keep window.Plotly unset. src/publish/assets.ts finds these blocks by it.
 */
export const PLOTLY_OPEN = 'if (!window.Plotly) { (function (define, module, exports) {\n';
export const PLOTLY_CLOSE = '\n})(); }';

/** plotly.js as the package ships it (for a site's shared asset, src/publish/assets.ts). */
export function plotlySource(): string {
  plotlyJs ??= readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  return plotlyJs;
}

export type InlineMode = 'every' | 'once';

/** The HTML of a figure; `</script` inside data is escaped so it cannot end the script early. */
export function figureHtml(fig: Figure, inline: InlineMode = 'every'): string {
  const id = `wasmlab-plot-${randomBytes(6).toString('hex')}`;
  const spec = JSON.stringify(fig.toJSON()).replace(/<\//g, '<\\/');
  const withLib = inline === 'every' || !inlined;
  inlined = true;
  const lib = withLib
    ? `<script type="text/javascript">${PLOTLY_OPEN}${plotlySource().replace(/<\/script/gi, '<\\/script')}${PLOTLY_CLOSE}</script>\n`
    : '';
  return (
    `<div id="${id}" style="width:100%;height:${typeof fig.layout.height === 'number' ? fig.layout.height : 460}px"></div>\n${lib}` +
    `<script type="text/javascript">(function(){var f=${spec};` +
    `window.Plotly.newPlot(${JSON.stringify(id)}, f.data, f.layout, {responsive: true});})();</script>`
  );
}

export function figureBundle(fig: Figure, inline: InlineMode = 'every'): Record<string, unknown> {
  return {
    'application/vnd.plotly.v1+json': fig.toJSON(),
    'text/html': figureHtml(fig, inline),
    'text/plain': `<Figure: ${fig.data.length} trace(s)>`,
  };
}
