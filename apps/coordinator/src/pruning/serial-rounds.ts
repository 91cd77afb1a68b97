interface Waiting<R> {
  readonly request: R;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface KeyState<R> {
  waiting: Waiting<R>[];
  running: boolean;
}

/**
 * Runs work per key one round at a time: what is submitted for a key while
 * its round runs waits for the next round, which takes all of it at once.
 * So the rounds of one key never overlap (the pruning decisions of a study
 * are serialised in this process) and a burst costs one round, not one per
 * submission. `submit` resolves once the round that took its request ended,
 * and rejects with that round's error.
 */
export class SerialRounds<R> {
  private readonly keys = new Map<string, KeyState<R>>();

  constructor(private readonly round: (key: string, requests: R[]) => Promise<void>) {}

  submit(key: string, request: R): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let state = this.keys.get(key);
      if (!state) this.keys.set(key, (state = { waiting: [], running: false }));
      state.waiting.push({ request, resolve, reject });
      if (!state.running) this.start(key, state);
    });
  }

  /** Keys with a round running or waiting (tests; shutdown). */
  busyKeys(): string[] {
    return [...this.keys.keys()];
  }

  private start(key: string, state: KeyState<R>): void {
    state.running = true;
    // The next turn of the event loop: what is submitted in this one joins the round.
    setImmediate(() => void this.runRound(key, state));
  }

  private async runRound(key: string, state: KeyState<R>): Promise<void> {
    const batch = state.waiting;
    state.waiting = [];
    try {
      await this.round(key, batch.map((w) => w.request));
      for (const w of batch) w.resolve();
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
    if (state.waiting.length > 0) {
      void this.runRound(key, state);
      return;
    }
    state.running = false;
    this.keys.delete(key);
  }
}
