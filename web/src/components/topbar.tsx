// Top bar: the sections this role may use, and who is logged in (user, agency, role).
import type { Me } from '../api/generated/schemas';
import { ROLE_LABELS, sectionOfPath, sectionsFor } from '../lib/sections';

export function TopBar(props: { me: Me; path: string; onLogout: () => void }) {
  const { me } = props;
  const active = sectionOfPath(props.path);
  return (
    <header class="topbar">
      <a class="brand" href="/" aria-label="Kashf home">
        Kashf
      </a>
      <nav aria-label="Sections">
        <ul>
          {sectionsFor(me.permissions).map((s) => (
            <li key={s.id}>
              <a href={s.path} title={s.help} aria-current={active?.id === s.id ? 'page' : undefined} data-section={s.id}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who" data-testid="who">
        <span class="user" title="User">
          {me.user.full_name || me.user.username}
        </span>
        <span class="agency" title="Agency">
          {me.user.agency}
          {me.user.all_agencies ? ' (all agencies)' : ''}
        </span>
        <span class={`role role-${me.user.role}`} title="Role">
          {ROLE_LABELS[me.user.role] ?? me.user.role}
        </span>
        <button type="button" class="secondary" onClick={props.onLogout}>
          Log out
        </button>
      </div>
    </header>
  );
}
