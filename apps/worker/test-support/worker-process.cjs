// Runs startWorker from the TypeScript sources in a process of its own, so a test can
// SIGKILL a worker mid-evaluation. Usage: node worker-process.cjs '<StartWorkerOptions as JSON>'
const path = require('node:path');
const { createJiti } = require('jiti');

const libs = path.resolve(__dirname, '..', '..', '..', 'libs');
const alias = Object.fromEntries(['core', 'queue', 'targets', 'telemetry'].map((l) => [`@attune/${l}`, path.join(libs, l, 'src')]));
const { startWorker } = createJiti(__filename, { alias })(path.resolve(__dirname, '..', 'src', 'main.ts'));

startWorker(JSON.parse(process.argv[2])).then(
  () => process.stdout.write('ready\n'),
  (e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
