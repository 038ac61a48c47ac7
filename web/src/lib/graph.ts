// Normalises network answers into one shape for drawing. The server's network endpoints speak the
// JSON of include/kashf/network/json.h (nodes with a numeric `node` index and `id`; edges with
// `from`/`to` node indices and `relation`); the OpenAPI Graph schema names edges `source`/`target`
// and `schema`. Both are accepted. Victims arrive as "[victim]" with no name and stay that way.

export interface GNode {
  key: string; // entity id (or node index when the id is missing)
  id: string;
  caption: string;
  kind: string;
  victim: boolean;
  hops?: number;
  datasets?: string[];
  recordedRoles?: Record<string, number>;
  role?: RoleInfo;
}

export interface GEdge {
  source: string;
  target: string;
  relation: string;
  date?: string;
  amount?: number;
  currency?: string; // ISO 4217 as recorded; absent = not recorded (shown as a bare number, never assumed)
  channel?: string;
  agency?: string;
  weight?: number; // 0.5 marks one half of a symmetric tie the server sends both ways
  count?: number; // calls: the voice calls one record stands for (absent = 1; 0 = messages only)
  messages?: number; // calls: the text messages one record stands for, counted apart from calls
}

export interface RoleInfo {
  role: string; // organiser | broker | recruiter | transporter | peripheral
  organiser?: number;
  broker?: number;
  peripheral?: number;
  reasons: { organiser: string[]; broker: string[]; peripheral: string[] };
}

export interface GraphData {
  nodes: GNode[];
  edges: GEdge[];
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function roleOf(raw: Raw): RoleInfo | undefined {
  const role = raw.role;
  if (typeof role !== 'string' || !role) return undefined;
  const r = (raw.reasons ?? {}) as Raw;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    role: role === 'organizer' ? 'organiser' : role,
    organiser: num(raw.organiser),
    broker: num(raw.broker),
    peripheral: num(raw.peripheral),
    reasons: { organiser: list(r.organiser), broker: list(r.broker), peripheral: list(r.peripheral) },
  };
}

export function nodeFromRaw(raw: Raw): GNode {
  const id = str(raw.id ?? raw.node);
  const kind = str(raw.kind ?? raw.schema);
  const victim = raw.victim === true;
  return {
    key: id,
    id,
    caption: victim ? '[victim]' : str(raw.caption) || id,
    kind,
    victim,
    hops: num(raw.hops),
    datasets: Array.isArray(raw.datasets) ? raw.datasets.map(String) : undefined,
    recordedRoles: raw.recorded_roles && typeof raw.recorded_roles === 'object' ? (raw.recorded_roles as Record<string, number>) : undefined,
    role: roleOf(raw),
  };
}

/** Accepts {nodes, edges} in either shape; edges to unknown nodes are dropped. */
export function normaliseGraph(data: unknown): GraphData {
  const d = (data ?? {}) as { nodes?: Raw[]; edges?: Raw[] };
  const nodes: GNode[] = [];
  const byRef = new Map<string, string>();
  for (const raw of d.nodes ?? []) {
    const n = nodeFromRaw(raw);
    if (byRef.has(n.key) && nodes.some((x) => x.key === n.key)) continue;
    nodes.push(n);
    byRef.set(n.key, n.key);
    if (raw.node !== undefined) byRef.set(`#${str(raw.node)}`, n.key);
  }
  const ref = (v: unknown): string | undefined => {
    if (v && typeof v === 'object') return byRef.get(str((v as Raw).id));
    if (typeof v === 'number') return byRef.get(`#${v}`) ?? byRef.get(String(v));
    return byRef.get(str(v)) ?? byRef.get(`#${str(v)}`);
  };
  const edges: GEdge[] = [];
  for (const raw of d.edges ?? []) {
    const s = ref(raw.source ?? raw.from);
    const t = ref(raw.target ?? raw.to);
    if (!s || !t) continue;
    edges.push({
      source: s,
      target: t,
      relation: str(raw.relation ?? raw.schema) || 'link',
      date: str(raw.date) || undefined,
      amount: num(raw.amount),
      currency: str(raw.currency) || undefined,
      channel: str(raw.channel) || undefined,
      agency: str(raw.agency) || undefined,
      weight: num(raw.weight),
      count: num(raw.count),
      messages: num(raw.messages),
    });
  }
  return { nodes, edges };
}

/** Gives nodes their role from a list of role scores (GET /network/roles items), by entity id. */
export function attachRoles(g: GraphData, roles: Raw[]): number {
  const byId = new Map<string, RoleInfo>();
  for (const r of roles) {
    const info = roleOf(r);
    if (info) byId.set(str(r.id), info);
  }
  let n = 0;
  for (const node of g.nodes) {
    const info = byId.get(node.id);
    if (info && !node.role) {
      node.role = info;
      n++;
    }
  }
  return n;
}

export const ROLE_COLOURS: Record<string, string> = {
  organiser: '#b71c1c',
  broker: '#6a1b9a',
  recruiter: '#1565c0',
  transporter: '#00796b',
  peripheral: '#8d6e63',
  victim: '#2e7d32',
  unscored: '#9e9e9e',
};

export const ROLE_ORDER = ['organiser', 'broker', 'recruiter', 'transporter', 'peripheral', 'victim', 'unscored'];

export function roleClass(n: GNode): string {
  if (n.victim) return 'victim';
  return n.role?.role && ROLE_COLOURS[n.role.role] ? n.role.role : 'unscored';
}

// ---- Parallel links merged for drawing (link-analysis charts: one line per pair and kind) ----

/** Relations whose links have a direction (payer -> payee, caller -> receiver); the rest are drawn undirected. */
export const DIRECTED_RELATIONS: ReadonlySet<string> = new Set(['payment', 'call']);

/** All links of one kind between two nodes (one direction of it when the kind is directed), drawn as one line. */
export interface LinkGroup {
  id: string;
  source: string;
  target: string;
  relation: string; // lower case
  directed: boolean;
  count: number; // underlying links (a symmetric tie sent both ways counts once); calls: calls + messages
  messages: number; // calls: the text messages among `count`, shown apart from the calls
  totals: { currency: string; amount: number }[]; // money moved, per currency, largest first
  first?: string; // earliest and latest dated link, YYYY-MM-DD
  last?: string;
  links: GEdge[]; // the underlying links, dated ones in date order
  width: number; // line width in px: count (or amount for money) on a log scale, clamped
  label: string; // "12 calls", or "PKR 2.15M · 22×" and the date range for money
}

export const LINK_WIDTH = { min: 1.5, max: 6.5 };

const CURRENCY = ''; // not recorded
const HALF = 0.5; // weight of each mirrored half of a symmetric tie (family, associate, case co-involvement)

/** 2150000 -> "2.15M", 48500 -> "48.5k", 950 -> "950". */
export function compactNumber(n: number): string {
  const a = Math.abs(n);
  const [d, s] = a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'k'] : [1, ''];
  const v = n / d;
  return `${Number(v.toFixed(Math.abs(v) >= 100 || d === 1 ? 0 : Math.abs(v) >= 10 ? 1 : 2))}${s}`;
}

export function moneyText(totals: { currency: string; amount: number }[]): string {
  return totals.map((t) => (t.currency ? `${t.currency} ${compactNumber(t.amount)}` : compactNumber(t.amount))).join(' + ');
}

export function dateRange(first?: string, last?: string): string {
  if (!first) return '';
  return !last || last === first ? first : `${first} – ${last}`;
}

const PLURAL: Record<string, string> = { family: 'family ties', travel: 'journeys', ownership: 'holdings', other: 'links' };
export function linkNoun(relation: string, count: number): string {
  if (count === 1) return relation === 'family' ? 'family tie' : relation === 'travel' ? 'journey' : relation === 'ownership' ? 'holding' : relation;
  return PLURAL[relation] ?? `${relation}s`;
}

/** Width of a line: money by its total relative to the largest total drawn (1000x smaller or less = thinnest),
 *  other kinds by the number of links (1 = thinnest, each doubling adds 1 px); both clamped to LINK_WIDTH. */
export function linkWidth(g: { count: number; totals: { amount: number }[] }, maxMoney: number): number {
  const money = g.totals.reduce((s, t) => s + t.amount, 0);
  const span = LINK_WIDTH.max - LINK_WIDTH.min;
  const w = money > 0 && maxMoney > 0
    ? LINK_WIDTH.min + span * Math.min(1, Math.max(0, 1 + Math.log10(money / maxMoney) / 3))
    : LINK_WIDTH.min + Math.log2(Math.max(1, g.count));
  return Math.round(Math.min(LINK_WIDTH.max, Math.max(LINK_WIDTH.min, w)) * 10) / 10;
}

/**
 * Merges parallel links into one group per (source, target, relation) for directed relations and per
 * (unordered pair, relation) otherwise. A symmetric tie the server sends as two mirrored halves
 * (weight 0.5 each, same date and agency, opposite directions) counts as one link. Groups keep the order in
 * which their first link arrived; an undirected group is drawn from the endpoint seen first.
 */
export function mergeLinks(edges: GEdge[]): LinkGroup[] {
  interface Acc { g: LinkGroup; unmatched: Map<string, number> }
  const groups = new Map<string, Acc>();
  for (const e of edges) {
    const relation = e.relation.toLowerCase();
    const directed = DIRECTED_RELATIONS.has(relation) || (e.amount !== undefined && e.amount > 0);
    const [a, b] = directed || e.source <= e.target ? [e.source, e.target] : [e.target, e.source];
    const key = `${relation}\u0001${a}\u0001${b}${directed ? '\u0001>' : ''}`;
    let acc = groups.get(key);
    if (!acc) {
      acc = {
        g: { id: `l${groups.size}`, source: e.source, target: e.target, relation, directed, count: 0, messages: 0, totals: [], links: [], width: 0, label: '' },
        unmatched: new Map(),
      };
      groups.set(key, acc);
    }
    if (!directed && e.weight === HALF) {
      // a mirrored half of a link already counted (or to be counted by its twin) is not a link of its own
      const forward = e.source === acc.g.source;
      const sig = `${e.date ?? ''}\u0001${e.agency ?? ''}\u0001${e.weight ?? ''}`;
      const twin = `${forward ? '<' : '>'}${sig}`;
      const waiting = acc.unmatched.get(twin) ?? 0;
      if (waiting > 0) {
        acc.unmatched.set(twin, waiting - 1);
        continue;
      }
      const mine = `${forward ? '>' : '<'}${sig}`;
      acc.unmatched.set(mine, (acc.unmatched.get(mine) ?? 0) + 1);
    }
    acc.g.links.push(e);
  }
  const out = [...groups.values()].map(({ g }) => {
    const byCurrency = new Map<string, number>();
    for (const l of g.links) {
      if (l.amount !== undefined && l.amount > 0) byCurrency.set(l.currency ?? CURRENCY, (byCurrency.get(l.currency ?? CURRENCY) ?? 0) + l.amount);
    }
    g.totals = [...byCurrency.entries()].map(([currency, amount]) => ({ currency, amount })).sort((x, y) => y.amount - x.amount);
    const dated = g.links.filter((l) => l.date).sort((x, y) => (x.date ?? '').localeCompare(y.date ?? ''));
    g.links = [...dated, ...g.links.filter((l) => !l.date)];
    g.first = dated[0]?.date?.slice(0, 10);
    g.last = dated[dated.length - 1]?.date?.slice(0, 10);
    g.messages = g.links.reduce((sum, l) => sum + (l.messages ?? 0), 0);
    g.count = g.links.reduce((sum, l) => sum + Math.max(1, (l.count ?? 1) + (l.messages ?? 0)), 0);
    return g;
  });
  const maxMoney = Math.max(0, ...out.map((g) => g.totals.reduce((s, t) => s + t.amount, 0)));
  for (const g of out) {
    g.width = linkWidth(g, maxMoney);
    g.label = g.totals.length
      ? [`${moneyText(g.totals)}${g.count > 1 ? ` · ${g.count}×` : ''}`, dateRange(g.first, g.last)].filter(Boolean).join('\n')
      : g.count > 1 ? contactsText(g) : '';
  }
  return out;
}

/** "40 calls", "3 calls · 5 messages", "2 journeys": calls and text messages are never added into one figure. */
export function contactsText(g: { relation: string; count: number; messages: number }): string {
  if (g.messages <= 0) return `${g.count} ${linkNoun(g.relation, g.count)}`;
  const calls = g.count - g.messages;
  const texts = `${g.messages} ${g.messages === 1 ? 'message' : 'messages'}`;
  return calls > 0 ? `${calls} ${linkNoun(g.relation, calls)} · ${texts}` : texts;
}

// ---- Layout of flows (money trails) ----

export const COLUMN = 260, ROW = 90;

/**
 * Columns by hop distance from `root` (the start of a money trail) over the links in either direction,
 * left to right; nodes not reached go in a last column. Within a column nodes are ordered by the mean
 * row of their neighbours in the column before (one barycentre pass, Sugiyama et al. 1981), which
 * keeps most lines from crossing, and centred vertically.
 */
export function flowPositions(g: GraphData, root?: string): Map<string, { x: number; y: number }> {
  const nbrs = new Map<string, string[]>(g.nodes.map((n) => [n.key, []]));
  for (const e of g.edges) {
    nbrs.get(e.source)?.push(e.target);
    nbrs.get(e.target)?.push(e.source);
  }
  const depth = new Map<string, number>();
  const start = root && nbrs.has(root) ? root : g.nodes[0]?.key;
  if (start !== undefined) {
    depth.set(start, 0);
    const queue = [start];
    for (let i = 0; i < queue.length; i++)
      for (const w of nbrs.get(queue[i]) ?? [])
        if (!depth.has(w)) {
          depth.set(w, (depth.get(queue[i]) ?? 0) + 1);
          queue.push(w);
        }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const columns: string[][] = [];
  for (const n of g.nodes) (columns[depth.get(n.key) ?? last] ??= []).push(n.key);
  const row = new Map<string, number>();
  const at = new Map<string, { x: number; y: number }>();
  columns.forEach((col, d) => {
    const mean = (k: string) => {
      const rows = (nbrs.get(k) ?? []).map((w) => row.get(w)).filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    const sorted = d === 0 ? col : [...col].sort((a, b) => mean(a) - mean(b));
    sorted.forEach((k, i) => {
      row.set(k, i - (sorted.length - 1) / 2);
      at.set(k, { x: d * COLUMN, y: (i - (sorted.length - 1) / 2) * ROW });
    });
  });
  return at;
}
