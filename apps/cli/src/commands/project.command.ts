import { Option, type Command } from 'commander';
import type { ProjectJson } from '@attune/core/api/auth.schema';
import type { ProjectLimitsInput } from '@attune/core/auth/auth-requests.schema';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine, writeLines } from '../cli-io';
import { toJsonLine } from '../output/format';
import { renderTable } from '../output/table';
import { examples, intInRange, projectName, tokenOption, urlOption } from './option-parsers';

/** A limit's flag, its field in the API (the flag in camel case), and what it bounds. */
const LIMIT_FLAGS = [
  { flag: 'max-concurrent-studies', field: 'maxConcurrentStudies', what: 'studies RUNNING at once' },
  { flag: 'max-parallelism', field: 'maxParallelism', what: "a study's budget.parallelism" },
  { flag: 'max-trials-per-study', field: 'maxTrialsPerStudy', what: "a study's budget.maxTrials" },
  { flag: 'requests-per-minute', field: 'requestsPerMinute', what: 'API requests per minute per token' },
] as const satisfies readonly { flag: string; field: keyof ProjectLimitsInput; what: string }[];

/** What a limit's flag holds: a count, or `none` (remove it). */
type LimitOptions = Partial<Record<(typeof LIMIT_FLAGS)[number]['field'], number | 'none'>>;

interface ProjectOptions extends ConnectionOptions, LimitOptions {
  description?: string;
  json?: boolean;
}

/** `attune project create|list|update`: projects and their limits (creating and changing them needs an admin token of every project). */
export function registerProjectCommands(program: Command, ctx: CliContext): void {
  const project = program
    .command('project')
    .description('create, list and change projects and their limits')
    .addHelpText(
      'after',
      '\nEvery study belongs to a project ("default" unless `study run --project` says otherwise); tokens are of one project or of all.\n' +
        examples('attune project create team-a --max-parallelism 16 --max-concurrent-studies 4', 'attune project list', 'attune project update team-a --max-trials-per-study none'),
    );
  withLimitOptions(project.command('create').argument('<name>', 'lower-case letters, digits, - and _', projectName).description('create a project (needs an admin token of every project)'), 'unlimited')
    .action(async (name: string, opts: ProjectOptions) => {
      const created = await clientFor(ctx, opts).createProject({ name, ...describedAs(opts), ...limitsOf(opts) });
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(created));
      writeLine(ctx.io.stdout, `created project ${created.name} (${limitsText(created)})`);
    });
  project
    .command('list')
    .description('the projects the token sees, with their limits and studies')
    .option('--json', 'print the API response as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .action(async (opts: ProjectOptions) => {
      const projects = await clientFor(ctx, opts).listProjects();
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(projects));
      if (projects.length === 0) return writeLine(ctx.io.stdout, 'no projects');
      writeLines(ctx.io.stdout, renderTable(['NAME', 'RUNNING', 'STUDIES', 'LIMITS', 'DESCRIPTION'], projects.map((p) => [p.name, String(p.studies.running), String(p.studies.total), limitsText(p), p.description ?? ''])));
    });
  withLimitOptions(project.command('update').argument('<name>', 'the project', projectName).description("change a project's description or limits; a limit given as none is removed"), 'unchanged')
    .action(async (name: string, opts: ProjectOptions) => {
      const body = { ...describedAs(opts), ...limitsOf(opts) };
      if (Object.keys(body).length === 0) throw new CliError('nothing to change: give --description or a limit (see `attune project update --help`)');
      const updated = await clientFor(ctx, opts).updateProject(name, body);
      if (opts.json) return void ctx.io.stdout.write(toJsonLine(updated));
      writeLine(ctx.io.stdout, `project ${updated.name}: ${limitsText(updated)}`);
    });
}

function withLimitOptions(command: Command, absent: 'unlimited' | 'unchanged'): Command {
  command.option('--description <text>', 'what the project is for');
  // Commander names each option after its flag in camel case: the API's field.
  for (const { flag, what } of LIMIT_FLAGS)
    command.addOption(new Option(`--${flag} <n>`, `most ${what} (default: ${absent}${absent === 'unchanged' ? '; none removes it' : ''})`).argParser(limitValue(absent === 'unchanged')));
  return command.option('--json', 'print the API response as JSON').addOption(urlOption()).addOption(tokenOption());
}

/** A limit: a count, or `none` where removing means something (not null: commander turns null into ""). */
function limitValue(removable: boolean): (value: string) => number | 'none' {
  const count = intInRange(1);
  return (value) => (removable && value.trim().toLowerCase() === 'none' ? 'none' : count(value));
}

function describedAs(opts: ProjectOptions): { description?: string } {
  return opts.description === undefined ? {} : { description: opts.description };
}

function limitsOf(opts: ProjectOptions): { limits?: ProjectLimitsInput } {
  const limits: Record<string, number | null> = {};
  for (const { field } of LIMIT_FLAGS) {
    const value = opts[field];
    if (value !== undefined) limits[field] = value === 'none' ? null : value;
  }
  return Object.keys(limits).length === 0 ? {} : { limits };
}

/** `max-parallelism 16, max-concurrent-studies 4`, or `no limits`. */
export function limitsText(project: Pick<ProjectJson, 'limits'>): string {
  const set = LIMIT_FLAGS.filter(({ field }) => project.limits[field] !== undefined).map(({ flag, field }) => `${flag} ${project.limits[field]}`);
  return set.length === 0 ? 'no limits' : set.join(', ');
}
