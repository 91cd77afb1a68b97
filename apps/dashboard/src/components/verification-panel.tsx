import type { VerificationJson } from '@attune/core/api/responses';
import { formatImprovement } from '../format/format';

/** A p-value as it is read: two digits, and below 0.001 only that. */
function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}

/** An end of an interval; null: unbounded. */
function bound(value: number | null, unbounded: string): string {
  return value === null ? unbounded : formatImprovement(value);
}

/** The latest verification: its progress while it runs, then each candidate against the re-measured baseline, with the interval and p-value. */
export function VerificationPanel({ verification }: { verification: VerificationJson }) {
  const report = verification.report;
  return (
    <section class="card" aria-labelledby="verification-heading">
      <h2 id="verification-heading">Verification</h2>
      <p>
        {verification.state === 'RUNNING'
          ? `Re-measuring ${verification.candidates.length} candidates and the baseline: ${verification.progress.taken} of ${verification.progress.total} measurements`
          : verification.state.toLowerCase()}
        {verification.error && <span class="error"> — {verification.error}</span>}
      </p>
      {report && (
        <>
          <p data-testid="verification-verdict">
            {report.winner !== undefined ? `Winner: trial ${report.winner}` : 'No winner'}
            {report.significant ? ' — significantly better than the baseline' : ` — not significantly better${report.reason ? ` (${report.reason})` : ''}`}
          </p>
          <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Trial</th>
                <th scope="col" class="num">
                  Improvement
                </th>
                <th scope="col" class="num">
                  95% interval
                </th>
                <th scope="col" class="num">
                  p
                </th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {report.candidates.map((c) => (
                <tr>
                  <td>{c.trial}</td>
                  <td class="num">{formatImprovement(c.comparison?.improvement.estimate)}</td>
                  <td class="num">
                    {c.comparison ? `${bound(c.comparison.improvement.low, '−∞')} … ${bound(c.comparison.improvement.high, '+∞')}` : '—'}
                  </td>
                  <td class="num">{c.comparison ? formatP(c.comparison.p) : '—'}</td>
                  <td>{c.significant ? 'significant' : (c.reason ?? 'not significant')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </>
      )}
    </section>
  );
}
