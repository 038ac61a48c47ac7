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
  channel?: string;
  agency?: string;
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
      channel: str(raw.channel) || undefined,
      agency: str(raw.agency) || undefined,
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
