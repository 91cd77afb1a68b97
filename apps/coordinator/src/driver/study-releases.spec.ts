import { describe, expect, it } from 'vitest';
import { StudyReleases } from './study-releases.service';

describe('StudyReleases', () => {
  it('tells every holder to drop an ended study, and on a sweep the studies no longer running', () => {
    const releases = new StudyReleases();
    const a = new Map([['s1', 1], ['s2', 2], ['s3', 3]]);
    const b = new Set(['s1', 's3']);
    releases.onRelease((keep) => [...a.keys()].filter((id) => !keep(id)).forEach((id) => a.delete(id)));
    releases.onRelease((keep) => [...b].filter((id) => !keep(id)).forEach((id) => b.delete(id)));
    releases.release('s1');
    expect([...a.keys()]).toEqual(['s2', 's3']);
    expect([...b]).toEqual(['s3']);
    releases.retainOnly(new Set(['s2']));
    expect([...a.keys()]).toEqual(['s2']);
    expect([...b]).toEqual([]);
  });
});
