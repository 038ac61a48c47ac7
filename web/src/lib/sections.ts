// The workbench's sections and the API permissions each needs (the role matrix of docs/openapi.yaml).
// A section is shown in the top bar, and its pages open, only when the user holds at least one of
// its permissions; otherwise the page shows a refusal. The server enforces the same matrix on every
// request: hiding a section is for clarity, not security.

export interface Section {
  id: string;
  label: string;
  path: string;
  anyOf: string[];
  help: string;
}

export const SECTIONS: Section[] = [
  { id: 'search', label: 'Search', path: '/search', anyOf: ['search_entities'], help: 'Names in Latin or Urdu script, phones, accounts' },
  { id: 'network', label: 'Network', path: '/network', anyOf: ['read_network'], help: 'Ego networks, roles and paths between entities' },
  { id: 'money', label: 'Money trail', path: '/money', anyOf: ['read_network'], help: 'Follow funds forward or backward' },
  {
    id: 'map', label: 'Routes map', path: '/map', anyOf: ['read_aggregate_statistics', 'read_cases', 'read_firearm_statistics'],
    help: 'Origin, transit and destination of routes; seizures by district',
  },
  { id: 'timeline', label: 'Timeline', path: '/timeline', anyOf: ['read_network', 'read_cases', 'read_firearms'], help: 'Events of an entity, case or firearm in date order' },
  { id: 'firearms', label: 'Firearms', path: '/firearms', anyOf: ['read_firearms'], help: 'Register, partial-serial search, tracing' },
  { id: 'cases', label: 'Cases', path: '/cases', anyOf: ['read_cases'], help: 'Survivor referral cases of your agency (NRM)' },
  {
    id: 'dashboards', label: 'Dashboards', path: '/dashboards',
    anyOf: ['read_aggregate_statistics', 'read_firearm_statistics', 'read_store_stats'], help: 'Seizure and case statistics',
  },
  { id: 'alerts', label: 'Alerts', path: '/alerts', anyOf: ['read_alerts'], help: 'Early-warning alerts: what spiked, against what expectation, and the decision' },
  {
    id: 'trends', label: 'Trends', path: '/trends', anyOf: ['read_trends', 'read_report_aggregates'],
    help: 'Counts over time by district, calibre, route, sex and age band; district map',
  },
  {
    id: 'reports', label: 'Reports', path: '/reports', anyOf: ['submit_reports', 'read_reports'],
    help: 'Civil-society early-warning reports: submit one, or review and link them',
  },
  { id: 'gaps', label: 'Gaps', path: '/gaps', anyOf: ['read_gaps'], help: 'Legislative gap analysis: national and provincial law against the UN Protocols' },
  { id: 'admin', label: 'Administration', path: '/admin', anyOf: ['manage_accounts', 'read_audit'], help: 'Users, agencies and the audit log' },
];

export function allowed(permissions: readonly string[], anyOf: readonly string[]): boolean {
  return anyOf.some((p) => permissions.includes(p));
}

export function sectionsFor(permissions: readonly string[]): Section[] {
  return SECTIONS.filter((s) => allowed(permissions, s.anyOf));
}

export function sectionOfPath(path: string): Section | undefined {
  if (path === '/entity') return SECTIONS.find((s) => s.id === 'search');
  if (path.startsWith('/traces')) return SECTIONS.find((s) => s.id === 'firearms');
  return SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
}

export const ROLE_LABELS: Record<string, string> = {
  administrator: 'Administrator',
  analyst: 'Analyst',
  firearms_officer: 'Firearms officer',
  case_worker: 'Case worker',
  researcher: 'Researcher',
  assessor: 'Assessor',
  reviewer: 'Reviewer',
  cso: 'Civil-society partner',
};
