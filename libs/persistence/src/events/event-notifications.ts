import { Client } from 'pg';
import type { DatabaseConfig } from '../database.config';
import { eventChannel, parseNotice, type EventNotice } from './event-channel';

/** What the owner of a notification connection is told. */
export interface EventNotificationHandlers {
  /** A committed append (one per study per transaction). */
  readonly onNotice: (notice: EventNotice) => void;
  /**
   * LISTEN is (again) in place. Notifications sent while it was not are lost:
   * `downSince` (undefined on the first connection) is when it went down, for
   * the owner to catch up from the log.
   */
  readonly onListening: (downSince: Date | undefined) => void;
  /** The connection failed or could not be made; it is retried. */
  readonly onError: (error: Error) => void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
// A connection can die silently (a dropped route); a cheap query finds out.
const PING_MS = 10_000;

/**
 * One dedicated PostgreSQL connection that LISTENs on the schema's event
 * channel, reconnecting with backoff for as long as it is open. It is outside
 * the pool: a LISTEN belongs to a session.
 */
export class EventNotifications {
  private client?: Client;
  private closed = false;
  private downSince?: Date;
  private retryMs = RETRY_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  private pingTimer?: NodeJS.Timeout;
  private readonly channel: string;
  // The failed client being dropped: its error and end events both report the same loss.
  private retiring?: Client;

  constructor(
    private readonly config: DatabaseConfig,
    private readonly handlers: EventNotificationHandlers,
  ) {
    this.channel = eventChannel(config.schema);
  }

  /** Connects (in the background when the first try fails). */
  async open(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.config.url, keepAlive: true, application_name: `attune-events ${this.config.schema}`.slice(0, 63) });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      const notice = msg.channel === this.channel ? parseNotice(msg.payload) : undefined;
      if (notice) this.handlers.onNotice(notice);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (e) {
      this.lost(client, e as Error);
      return;
    }
    if (this.closed) return void client.end().catch(() => undefined);
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => client.query('SELECT 1').catch((e) => this.lost(client, e as Error)), PING_MS);
    this.pingTimer.unref();
    const downSince = this.downSince;
    this.downSince = undefined;
    this.handlers.onListening(downSince);
  }

  /** Drops a failed connection (once) and schedules the next try. */
  private lost(client: Client, error: Error): void {
    if (this.closed || (this.client !== undefined && this.client !== client) || client === this.retiring) return;
    this.retiring = client;
    this.client = undefined;
    this.downSince ??= new Date();
    clearInterval(this.pingTimer);
    client.end().catch(() => undefined);
    this.handlers.onError(error);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
