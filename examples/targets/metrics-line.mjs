// Command target: logs a little, then prints its metrics as the last JSON line.
// value = x + y from ATTUNE_PARAMS_FILE; fromEnv echoes ATTUNE_PARAM_X. If DUMP_FILE is set,
// it also writes what it received there (used by the worker's tests).
import fs from 'node:fs';

const file = process.env.ATTUNE_PARAMS_FILE;
const params = JSON.parse(fs.readFileSync(file, 'utf8'));
if (process.env.DUMP_FILE) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ATTUNE_') || k === 'EXTRA'));
  fs.writeFileSync(process.env.DUMP_FILE, JSON.stringify({ params, env, paramsFile: file }));
}
console.log('warming up');
console.log(JSON.stringify({ progress: 'half way' }));
console.log(JSON.stringify({ value: params.x + params.y, fromEnv: Number(process.env.ATTUNE_PARAM_X) }));
console.log('done');
