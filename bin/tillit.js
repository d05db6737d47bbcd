#!/usr/bin/env node
// The `tillit` command runs the TypeScript sources through tsx, so `npx tillit …` works straight
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
