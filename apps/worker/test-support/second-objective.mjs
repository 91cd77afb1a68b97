// Takes a second: long enough for a test to see its trial RUNNING.
export const evaluate = (p) => new Promise((resolve) => setTimeout(() => resolve(p.x), 1000));
