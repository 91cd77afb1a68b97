// Command target: prints the names and values of its whole environment as its metrics line
// ({"value": 1, "env": {...}} is not numeric, so the worker's tests read it raw).
console.log(JSON.stringify({ value: 1, env: process.env }));
