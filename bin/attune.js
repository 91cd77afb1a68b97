#!/usr/bin/env node
'use strict';
// The `attune` command: runs the compiled CLI from dist/ (built by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');

const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(`attune: ${path.relative(process.cwd(), main) || main} is missing; run \`npm run build\` first\n`);
  process.exit(1);
}
require(main).runFromProcess();
