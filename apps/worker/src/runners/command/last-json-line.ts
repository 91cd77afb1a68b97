/**
 * The last line of `text` that parses as JSON and is a number or an object
 * (what a command prints as its metrics); undefined when there is none.
 * Earlier lines (logs, progress) are ignored.
 */
export function lastJsonLine(text: string): unknown {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i].trim();
    if (!line.startsWith('{') && !/^-?\d/.test(line)) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'number' || (typeof value === 'object' && value !== null && !Array.isArray(value))) return value;
    } catch {
      // not JSON: keep looking upwards
    }
  }
  return undefined;
}
