// Laundering typologies over the whole network's payments (GET /api/v1/network/typologies): one
// row per flagged account with its typology, score and the reason with the figures; a click on the
// account opens its money trail. Definitions: docs/network.md, "Laundering typologies".
import { useState } from 'preact/hooks';
import { findLaunderingTypologies, type FindLaunderingTypologiesResponse } from '../api/generated/operations';
import { useTask } from '../lib/task';
import { href } from '../lib/router';
import { Badge, fmtNumber, TaskView } from './common';

const KINDS = ['', 'fan-in', 'fan-out', 'cycle', 'scatter-gather', 'pass-through', 'hawala-settlement'] as const;

export function TypologyPanel() {
  const [typology, setTypology] = useState('');
  const task = useTask((signal: AbortSignal, step: (s: string) => void, typology: string) => {
    step('looking for laundering typologies');
    return findLaunderingTypologies({ typology: typology || undefined, limit: 100 }, signal);
  });
  return (
    <section class="panel" data-testid="typologies">
      <h2>Laundering typologies (whole network)</h2>
      <form class="toolbar" aria-label="Typology search" onSubmit={(e) => { e.preventDefault(); task.run(typology); }}>
        <select aria-label="Typology" value={typology} onChange={(e) => setTypology((e.target as HTMLSelectElement).value)}>
          {KINDS.map((k) => <option key={k} value={k}>{k || 'all typologies'}</option>)}
        </select>
        <button type="submit">Find</button>
      </form>
      {task.status !== 'idle' && (
        <TaskView task={task} label="Looking for typologies" cancellable>
          {(r) => r && <Hits r={r} />}
        </TaskView>
      )}
    </section>
  );
}

function Hits(props: { r: FindLaunderingTypologiesResponse }) {
  const { r } = props;
  const counts = Object.entries(r.counts).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${fmtNumber(v)}`).join(', ');
  if (!r.items.length) return <p class="muted">No account fits a typology among {fmtNumber(r.transfers)} dated payments.</p>;
  return (
    <>
      <p>{fmtNumber(r.total)} flagged ({counts}) among {fmtNumber(r.transfers)} dated payments{r.truncated && <>; first {fmtNumber(r.limit)} shown</>}.</p>
      <table class="data">
        <thead><tr><th scope="col">Account or person</th><th scope="col">Typology</th><th scope="col" class="num">Score</th><th scope="col">Why</th></tr></thead>
        <tbody>
          {r.items.map((h, i) => (
            <tr key={i}>
              <td dir="auto">{h.node?.victim ? '[victim]' : <a href={href('/money', { from: h.account ?? '' })}>{h.node?.caption ?? h.account}</a>}</td>
              <td><Badge kind="warn">{h.typology}</Badge></td>
              <td class="num">{fmtNumber(h.score, 2)}</td>
              <td>{h.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
