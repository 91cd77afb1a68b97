import { Injectable } from '@nestjs/common';

/** Drops what a holder keeps about the studies for which `keep` is false. */
export type ReleaseListener = (keep: (studyId: string) => boolean) => void;

/**
 * Where per-study state outside the driver is released: a cache keyed by
 * study id registers a listener, and is told when a study ended here
 * (`release`) and, on every sweep, which studies still run anywhere
 * (`retainOnly`: a study may end on another coordinator). Memory kept per
 * study is then bounded by the running studies.
 */
@Injectable()
export class StudyReleases {
  private readonly listeners: ReleaseListener[] = [];

  /** Registers a holder of per-study state. */
  onRelease(listener: ReleaseListener): void {
    this.listeners.push(listener);
  }

  /** The study ended: every holder drops it. */
  release(studyId: string): void {
    this.notify((id) => id !== studyId);
  }

  /** Every holder drops the studies not in `runningIds`. */
  retainOnly(runningIds: ReadonlySet<string>): void {
    this.notify((id) => runningIds.has(id));
  }

  private notify(keep: (studyId: string) => boolean): void {
    for (const listener of this.listeners) listener(keep);
  }
}
