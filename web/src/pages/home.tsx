// Start page: what this role can do here, one card per section.
import { PageTitle } from '../components/common';
import { ROLE_LABELS, sectionsFor } from '../lib/sections';
import { useMe } from '../lib/session';

export function HomePage() {
  const me = useMe();
  const sections = sectionsFor(me.permissions);
  return (
    <>
      <PageTitle title={`Welcome, ${me.user.full_name || me.user.username}`}
        sub={`${ROLE_LABELS[me.user.role] ?? me.user.role} · ${me.user.agency}`} />
      {sections.length === 0 && <p>Your role has no sections in the workbench.</p>}
      <ul class="cards">
        {sections.map((s) => (
          <li key={s.id} class="card">
            <h2>
              <a href={s.path}>{s.label}</a>
            </h2>
            <p class="muted">{s.help}</p>
          </li>
        ))}
      </ul>
      {me.user.role === 'researcher' && (
        <p class="notice">Researchers see aggregates only: counts with small cells withheld (k ≥ 11) and differentially private tables.</p>
      )}
      {me.user.role === 'cso' && (
        <p class="notice">
          As a civil-society partner you submit early-warning reports and see your own reports and public counts. Your free text and
          contact are read only by analysts with the need to know.
        </p>
      )}
    </>
  );
}
