// Shapes of the API answers the workbench reads (docs/openapi.yaml, components/schemas). Optional
// fields are ones the server may leave out; the pages show "—" for them.

export type Role = 'administrator' | 'analyst' | 'firearms_officer' | 'case_worker' | 'researcher';

export interface User {
  username: string;
  full_name?: string;
  role: Role;
  agency: string;
  all_agencies?: boolean;
  disabled?: boolean;
  created?: string | null;
  password_changed?: string | null;
}

export interface Me {
  user: User;
  permissions: string[];
  identity_key_configured?: boolean;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  total: number | null;
  next_offset: number | null;
}

export interface SearchHit {
  id: string;
  schema: string;
  caption: string;
  dataset: string;
  score?: number;
  /** The property that matched: name, alias, fatherName, spouseName, cnic, phone, passportNumber ... */
  matched?: string;
}

export interface Statement {
  prop: string;
  value: string;
  dataset: string;
  record: string;
  first_seen: string | null;
}

export interface Judgement {
  left: string;
  right: string;
  decision: 'match' | 'no-match';
  user: string;
  at: string | null;
  note?: string;
}

export interface Entity {
  id: string;
  schema: string;
  caption: string;
  dataset: string;
  cluster: string;
  cluster_members: string[];
  judgements: Judgement[];
  statements: Statement[];
}

export interface ExplanationStep {
  field: string;
  level: string;
  left?: string;
  right?: string;
  m?: number;
  u?: number;
  weight: number;
  cumulative?: number;
}

export interface Explanation {
  left_id: string;
  right_id: string;
  steps: ExplanationStep[];
  total_weight: number;
  probability: number;
  threshold?: number;
  model_match?: boolean;
  judged?: boolean | null;
  same_cluster?: boolean;
  match?: boolean;
  left_cluster?: string;
  right_cluster?: string;
}

export interface Firearm {
  id: number;
  serial: string;
  make?: string;
  model?: string;
  type?: string;
  calibre?: string;
  bore_class?: string;
  country_of_manufacture?: string;
  place_of_manufacture?: string;
  import_country?: string;
  import_year?: number;
  state_stock_mark?: string;
  licence_number?: string;
  state?: string;
}

export interface FirearmHit {
  firearm: Firearm;
  score: number;
  exact_chars?: number;
  confusable_chars?: number;
  make_agrees?: boolean;
  calibre_agrees?: boolean;
}

export interface LifecycleEvent {
  id?: number;
  kind: string;
  date: string;
  place?: string;
  district?: string;
  agency?: string;
  document?: string;
  holder?: string;
  licence_number?: string;
  licence_expiry?: string;
  export_country?: string;
  import_country?: string;
  transit_country?: string;
  final_recipient?: string;
  seizure_context?: string;
  campaign?: string;
  note?: string;
  retain_until?: string;
}

export interface CustodyStep {
  state: string;
  lawful: boolean;
  holder?: string;
  place?: string;
  from?: string;
  to?: string | null;
  event?: string | null;
  document?: string | null;
}

export interface Diversion {
  date: string;
  event: string;
  from_state: string;
  to_state: string;
  last_lawful_holder?: string;
  explanation?: string;
}

export interface TraceAnswer {
  id: number;
  request_id: string;
  date: string;
  responder: string;
  outcome: string;
  last_lawful_holder?: string;
  diversion_point?: string;
  text?: string;
}

export interface TraceRequest {
  id: string;
  firearm_id: number;
  date: string;
  requesting_agency: string;
  requested_party: string;
  illicit_reason: string;
  legal_basis: string;
  markings?: string;
  type?: string;
  calibre?: string;
  intended_use: string;
  status: 'open' | 'answered';
  answers?: TraceAnswer[];
}

export interface FirearmDetail {
  firearm: Firearm;
  markings: string;
  events: LifecycleEvent[];
  custody: { steps: CustodyStep[]; diversions: Diversion[]; no_lawful_record: boolean };
  allowed_events: string[];
  trace_requests: TraceRequest[];
}

export interface FirearmReference {
  jurisdiction?: string;
  types: { code: string; label: string }[];
  event_kinds: { kind: string; from: string[] | string; to: string; requires: string[] }[];
  states: { state: string; lawful: boolean }[];
  trace_outcomes: string[];
  seizure_dimensions?: string[];
}

export interface SeizureStatistics {
  period: { from?: string; to?: string };
  seizure_events: number;
  seized_firearms: number;
  surrendered_firearms: number;
  in_scope_firearms: number;
  trace_requested: number;
  origin_established: number;
  sdg_16_4_2_share: number;
  by: Record<string, { value: string; seized: number }[]>;
}

export interface CaseSummary {
  id: string;
  agency: string;
  registration_date: string;
  current_stage: string;
  due_date: string | null;
  trafficking_status?: string;
  exploitation_types?: string[];
}

export interface CaseEvent {
  kind: string;
  country: string;
  city: string;
  date: string;
}

export interface VictimCase {
  id: string;
  agency: string;
  registration_date: string;
  person: { sex?: string; age_at_registration?: number; citizenship?: string };
  victim_context: Record<string, unknown>;
  perpetrator_roles: string[];
  events: CaseEvent[];
  support_plan: string[];
  offences: string[];
  nrm: { stages: { stage: string; date: string; authority?: string; note?: string }[]; extensions: number };
  referrals: { direction: string; service: string; provider: string; date: string; identity_shared?: boolean }[];
  consents: { purpose: string; granted: boolean; date: string; recorded_by?: string }[];
  current_stage: string;
  due_date: string | null;
  route?: string;
}

export interface Overdue {
  case_id: string;
  agency: string;
  stage: string;
  due_date: string;
  days_overdue: number;
}

export interface NrmStage {
  id: string;
  name: string;
  deadline_days: number | null;
  extension_days?: number;
  max_extensions?: number;
  requires_authority?: boolean;
  authorities?: string[];
  next: string[];
}

export interface NrmReference {
  stages: NrmStage[];
  consent_purposes: { id: string; name: string }[];
  reveal_purposes_besides_consent?: string[];
}

export interface Identity {
  full_name: string;
  father_name?: string;
  national_id?: string;
  date_of_birth?: string;
  phone?: string;
}

export interface CountTable {
  mode?: 'suppression' | 'differential_privacy';
  variables: string[];
  cells: { values: string[]; count: number }[];
  total: number | null;
  k?: number;
  withheld_cells?: number;
  epsilon?: number;
  release_id?: number;
  csv?: string;
}

export interface StoreStats {
  entities: number;
  statements: number;
  by_schema_and_dataset: { schema: string; dataset: string; entities: number }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  agency: string;
  action: string;
  subject: string;
  detail: string;
  prev_hash?: string;
  hash?: string;
}

export interface Agency {
  id: string;
  name: string;
  country?: string;
  created?: string | null;
}
