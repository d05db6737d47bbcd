// `npm start` builds the web app once when it is missing or older than its sources, so a fresh
// clone runs with only `npm install && npm start`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const built = 'dist/web/index.html';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

if (!existsSync(built) || newest('src/web') > statSync(built).mtimeMs) {
  console.log('Bygger webbgränssnittet (building the web app)…');
  // A test runner's NODE_ENV=test would give a development React build.
  execSync('npx vite build --logLevel warn', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
