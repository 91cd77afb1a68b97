// Loads proposal.thread.ts through jiti when the coordinator runs from its
// TypeScript sources (the tests); built code loads proposal.thread.js instead.
const path = require('node:path');
const libs = path.resolve(__dirname, '..', '..', '..', '..', 'libs');
const jiti = require('jiti').createJiti(__filename, {
  alias: { '@attune/core': path.join(libs, 'core', 'src'), '@attune/strategies': path.join(libs, 'strategies', 'src') },
});
module.exports = jiti(path.join(__dirname, 'proposal.thread.ts'));
