/** Worker -> watchdog: run this command (sent once), then maybe signal it. */
export type ToWatchdog =
  | {
      readonly type: 'run';
      readonly argv: readonly string[];
      readonly cwd: string;
      readonly env: Readonly<Record<string, string>>;
      /** `NAME=value` in the command's environment, unique to this run: how its escaped descendants are found. */
      readonly marker: string;
      /** Removed if the worker dies before the command ends (the trial's temporary folder). */
      readonly tempDir?: string;
    }
  | { readonly type: 'kill'; readonly signal: NodeJS.Signals };

/** Watchdog -> worker. */
export type FromWatchdog =
  | { readonly type: 'spawned'; readonly pid: number }
  | { readonly type: 'spawn-error'; readonly message: string }
  | { readonly type: 'exit'; readonly code: number | null; readonly signal: NodeJS.Signals | null };
