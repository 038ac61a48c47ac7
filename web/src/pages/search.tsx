// Entity search: names in Latin or Urdu script (every word a prefix), optionally one type. The
// search text stays in this page's memory: it is never put in the URL or browser storage, and the
// server does not log it either.
import { useState } from 'preact/hooks';
import { searchEntities, type SearchEntitiesResponse } from '../api/generated/operations';
import { Field, fmtNumber, PageTitle, Pager, TaskView } from '../components/common';
import { entityHref } from '../lib/router';
import { onSessionEnd } from '../lib/memory';
import { useTask } from '../lib/task';

const SCHEMAS = ['', 'Person', 'Organization', 'Phone', 'BankAccount', 'Wallet', 'Vehicle', 'Firearm', 'Case', 'Location', 'Address', 'Document'];
const PAGE = 20;

// Kept across visits to the page (back from an entity), in memory only.
const EMPTY = { q: '', schema: '', offset: 0, page: null as SearchEntitiesResponse | null };
let remembered = { ...EMPTY };
onSessionEnd(() => {
  remembered = { ...EMPTY };
});

export function SearchPage() {
  const [q, setQ] = useState(remembered.q);
  const [schema, setSchema] = useState(remembered.schema);
  const task = useTask(async (signal, step, query: string, sch: string, offset: number) => {
    step('searching');
    const page = await searchEntities({ q: query, schema: sch, limit: PAGE, offset }, signal);
    remembered = { q: query, schema: sch, offset, page };
    return page;
  });
  const data = task.data ?? remembered.page;

  const submit = (e: Event) => {
    e.preventDefault();
    if (q.trim()) task.run(q.trim(), schema, 0);
  };

  return (
    <>
      <PageTitle title="Search" sub="People, organisations, phones, accounts, firearms and cases across every ingested source." />
      <form class="toolbar" role="search" onSubmit={submit}>
        <Field label="Name, number or words" id="q" hint="Latin or Urdu script; each word matches as a prefix (e.g. “muhammad as”, “محمد”).">
          <input id="q" type="search" dir="auto" value={q} maxLength={200} autocomplete="off" aria-describedby="q-hint"
            onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Type" id="schema">
          <select id="schema" value={schema} onChange={(e) => setSchema((e.target as HTMLSelectElement).value)}>
            {SCHEMAS.map((s) => (
              <option value={s} key={s}>
                {s || 'Any type'}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">Search</button>
      </form>
      {task.status !== 'idle' ? (
        <TaskView task={task} label="Searching" cancellable>
          {(p) => <Results page={p} onPage={(o) => task.run(remembered.q, remembered.schema, o)} />}
        </TaskView>
      ) : (
        data && <Results page={data} onPage={(o) => task.run(remembered.q, remembered.schema, o)} />
      )}
    </>
  );
}

function Results(props: { page: SearchEntitiesResponse; onPage: (offset: number) => void }) {
  const { page } = props;
  if (!page.items.length) return <p class="notice">No matches. Try fewer or shorter words, or another spelling.</p>;
  return (
    <section aria-label="Search results">
      <table class="data" data-testid="search-results">
        <caption>
          Results {fmtNumber(page.offset + 1)}–{fmtNumber(page.offset + page.items.length)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name or value</th>
            <th scope="col">Type</th>
            <th scope="col">Matched on</th>
            <th scope="col">Source dataset</th>
            <th scope="col" class="num">Score</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((h) => (
            <tr key={h.id}>
              <td dir="auto">
                <a href={entityHref(h.id)}>{h.caption || h.id}</a>
              </td>
              <td>{h.schema}</td>
              <td>{matchedLabel(h.matched)}</td>
              <td>{h.dataset}</td>
              <td class="num">{h.score !== undefined ? fmtNumber(h.score, 2) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={page.offset} limit={PAGE} next={page.next_offset} onPage={props.onPage} />
    </section>
  );
}

// Which field a hit matched, in words: a match on a relative's name is not a match on the person's own name.
const MATCHED_LABELS: Record<string, string> = {
  name: 'name',
  firstName: 'first name',
  lastName: 'surname',
  alias: 'other name',
  fatherName: "father's name",
  spouseName: "husband's name",
  cnic: 'CNIC',
  phone: 'phone',
  passportNumber: 'passport',
};
function matchedLabel(matched?: string): string {
  if (!matched) return '—';
  return MATCHED_LABELS[matched] ?? matched;
}
