import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

// Serves the built web app; unknown non-API paths get index.html so client-side routes survive reload.
export async function registerWeb(app: FastifyInstance, root: string) {
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built: run `npm run build:web`');
    return false;
  }
  // Files under assets/ have content hashes in their names and can be cached for good; everything else
  // (index.html names the current assets, the icon) is revalidated on every load.
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    maxAge: '365d',
    immutable: true,
    setHeaders: (res, filePath) => {
      if (!filePath.startsWith(path.join(root, 'assets') + path.sep)) res.header('cache-control', 'no-cache');
    },
  });
  return true;
}
