#!/usr/bin/env node
'use strict';
// The `attune` command: runs the compiled CLI from dist/ (built by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');

const dist = path.join(__dirname, '..', 'dist');
const main = path.join(dist, 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(`attune: ${path.relative(process.cwd(), main) || main} is missing; run \`npm run build\` first\n`);
  process.exit(1);
}
// OpenTelemetry first, before anything it instruments (http, express, Nest, pg, ioredis, pino) is loaded.
const SERVICES = { coordinator: 'attune-coordinator', worker: 'attune-worker' };
try {
  require(path.join(dist, 'libs', 'telemetry', 'src', 'start-telemetry.js')).startTelemetry(SERVICES[process.argv[2]] || 'attune-cli');
} catch (e) {
  process.stderr.write(`attune: ${e.message}\n`);
  process.exit(2);
}
require(main).runFromProcess();
