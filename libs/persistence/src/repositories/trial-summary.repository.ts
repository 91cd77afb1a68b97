import type { Direction } from '@attune/core/trial/trial-view';
import type { DataSource } from 'typeorm';
import { TrialEntity } from '../entities/trial.entity';
import { toTrialCounts, toTrialRecord } from '../mappers/trial.mapper';
import type { TrialCounts, TrialRecord } from '../records/trial.record';

/**
 * What the studies list shows of many studies at once, each in one query:
 * their trial counts, best trials and baselines. Reads only (the API's read
 * pool serves them); trials themselves go in and out through TrialRepository.
 */
export class TrialSummaryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Per-state counts for each study asked for (studies without trials count zeros). */
  async countByStudy(studyIds: readonly string[]): Promise<Map<string, TrialCounts>> {
    const rows: { studyId: string; state: string; count: string }[] =
      studyIds.length === 0
        ? []
        : await this.repo()
            .createQueryBuilder('t')
            .select('t.study_id', 'studyId')
            .addSelect('t.state', 'state')
            .addSelect('count(*)', 'count')
            .where('t.study_id = ANY(:ids)', { ids: studyIds })
            .groupBy('t.study_id')
            .addGroupBy('t.state')
            .getRawMany();
    return new Map(studyIds.map((id) => [id, toTrialCounts(rows.filter((r) => r.studyId === id))]));
  }

  /** The best COMPLETE trial of each listed study that has one, all optimised in `direction` (one query). */
  async bestByStudy(studyIds: readonly string[], direction: Direction): Promise<Map<string, TrialRecord>> {
    if (studyIds.length === 0) return new Map();
    const rows = await this.repo()
      .createQueryBuilder('t')
      .distinctOn(['t.study_id'])
      .where('t.study_id = ANY(:ids) AND t.state = :complete AND t.value IS NOT NULL AND t.feasible IS NOT FALSE', { ids: studyIds, complete: 'COMPLETE' })
      .orderBy('t.study_id')
      .addOrderBy('t.value', direction === 'minimize' ? 'ASC' : 'DESC')
      .addOrderBy('t.number', 'ASC')
      .getMany();
    return new Map(rows.map((r) => [r.studyId, toTrialRecord(r)]));
  }

  /** The baseline trial of each listed study that has one (one query). */
  async baselinesByStudy(studyIds: readonly string[]): Promise<Map<string, TrialRecord>> {
    if (studyIds.length === 0) return new Map();
    const rows = await this.repo()
      .createQueryBuilder('t')
      .distinctOn(['t.study_id'])
      .where(`t.study_id = ANY(:ids) AND t.origin = 'baseline'`, { ids: studyIds })
      .orderBy('t.study_id')
      .addOrderBy('t.number', 'ASC')
      .getMany();
    return new Map(rows.map((r) => [r.studyId, toTrialRecord(r)]));
  }

  private repo() {
    return this.dataSource.manager.getRepository(TrialEntity);
  }
}
