import { randomUUID } from 'node:crypto';
import { AttuneError } from '@attune/core/errors/attune-error';
import type { DataSource, EntityManager } from 'typeorm';
import { ProjectEntity } from '../entities/project.entity';
import { StudyEntity } from '../entities/study.entity';
import type { ProjectLimits, ProjectRecord } from '../records/auth.record';
import { quotedTable } from './quoted-table';

/** A limit as given: a number sets it, null removes it, undefined leaves it. */
export type LimitsPatch = { readonly [K in keyof ProjectLimits]?: number | null };

export interface NewProject {
  readonly name: string;
  readonly description?: string;
  readonly limits?: LimitsPatch;
}

/** A project with how many studies it holds. */
export interface ProjectWithCounts extends ProjectRecord {
  readonly studies: { readonly running: number; readonly total: number };
}

const UNIQUE_VIOLATION = '23505';

/** Projects: what studies belong to and tokens are scoped to. */
export class ProjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(name: string, tx?: EntityManager): Promise<ProjectRecord | undefined> {
    const row = await this.repo(tx).findOneBy({ name });
    return row ? toProjectRecord(row) : undefined;
  }

  /**
   * The project, its row locked FOR UPDATE until `tx` ends: creations of
   * studies in one project are serialized, so that two at once cannot both
   * pass its maxConcurrentStudies.
   */
  async lockForNewStudy(name: string, tx: EntityManager): Promise<ProjectRecord | undefined> {
    const row = await this.repo(tx).findOne({ where: { name }, lock: { mode: 'pessimistic_write' } });
    return row ? toProjectRecord(row) : undefined;
  }

  /** Every project, or only `only`, by name, with their study counts. */
  async list(only?: string): Promise<ProjectWithCounts[]> {
    const rows = await this.repo().find({ where: only === undefined ? {} : { name: only }, order: { name: 'ASC' } });
    const counts = await this.studyCounts(rows.map((r) => r.name));
    return rows.map((r) => ({ ...toProjectRecord(r), studies: counts.get(r.name) ?? { running: 0, total: 0 } }));
  }

  /** Throws CONFLICT when the name is taken. */
  async insert(project: NewProject): Promise<ProjectRecord> {
    try {
      await this.repo().insert({ name: project.name, id: randomUUID(), description: project.description ?? null, ...limitColumns(project.limits ?? {}) });
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw new AttuneError('CONFLICT', `a project named "${project.name}" exists`);
      throw e;
    }
    return (await this.find(project.name))!;
  }

  /** Undefined when there is no such project. */
  async update(name: string, patch: { readonly description?: string; readonly limits?: LimitsPatch }): Promise<ProjectRecord | undefined> {
    const set = { ...(patch.description !== undefined && { description: patch.description }), ...limitColumns(patch.limits ?? {}) };
    if (Object.keys(set).length > 0) await this.repo().update({ name }, set);
    return this.find(name);
  }

  private async studyCounts(names: readonly string[]): Promise<Map<string, { running: number; total: number }>> {
    if (names.length === 0) return new Map();
    const studies = quotedTable(this.dataSource.getRepository(StudyEntity).metadata);
    const rows: { project: string; running: number; total: number }[] = await this.dataSource.query(
      `SELECT project, (count(*) FILTER (WHERE state = 'RUNNING'))::int AS running, count(*)::int AS total
         FROM ${studies} WHERE project = ANY($1::text[]) GROUP BY project`,
      [names],
    );
    return new Map(rows.map((r) => [r.project, { running: r.running, total: r.total }]));
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(ProjectEntity);
  }
}

function limitColumns(limits: LimitsPatch): Partial<ProjectEntity> {
  const columns: Partial<ProjectEntity> = {};
  for (const key of ['maxConcurrentStudies', 'maxParallelism', 'maxTrialsPerStudy', 'requestsPerMinute'] as const) {
    if (limits[key] !== undefined) columns[key] = limits[key];
  }
  return columns;
}

function toProjectRecord(row: ProjectEntity): ProjectRecord {
  const limits: { -readonly [K in keyof ProjectLimits]: number } = {};
  for (const key of ['maxConcurrentStudies', 'maxParallelism', 'maxTrialsPerStudy', 'requestsPerMinute'] as const) {
    if (row[key] !== null) limits[key] = row[key];
  }
  return { id: row.id, name: row.name, ...(row.description !== null && { description: row.description }), createdAt: row.createdAt, limits };
}
