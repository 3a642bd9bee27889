import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { ConsoleEnv } from './console-env';

const require = createRequire(import.meta.url);
const own = (name: string) => new URL(`./assets/${name}`, import.meta.url);

/** Everything the pages load, served from this process: no CDN. uPlot comes from node_modules. */
const assets: Record<string, { file: string | URL; type: string }> = {
  'console.css': { file: own('console.css'), type: 'text/css' },
  'console.js': { file: own('console.js'), type: 'text/javascript' },
  'uplot.js': { file: require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript' },
  'uplot.css': { file: require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css' },
};

const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#2b6cb0"/></svg>';

export function serveAssets(app: Hono<ConsoleEnv>) {
  const bodies = new Map(
    Object.entries(assets).map(([name, asset]) => [name, readFileSync(asset.file, 'utf8')]),
  );
  app.get('/assets/:name', (context) => {
    const name = context.req.param('name');
    const asset = assets[name];
    const body = bodies.get(name);
    if (!asset || body === undefined) return context.text('Not found', 404);
    return context.body(body, 200, {
      'content-type': `${asset.type}; charset=utf-8`,
      'cache-control': 'max-age=300',
    });
  });
  app.get('/favicon.svg', (context) =>
    context.body(favicon, 200, { 'content-type': 'image/svg+xml' }),
  );
  app.get('/favicon.ico', (context) =>
    context.body(favicon, 200, { 'content-type': 'image/svg+xml' }),
  );
}
