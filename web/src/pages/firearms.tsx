// Firearms register: partial-serial search ('?' one unreadable character, '*' any run; confusable
// characters ranked as near misses), and for firearms officers registration with the Protocol
// markings (maker, country or place of manufacture, serial; import mark with country and year).
import { useState } from 'preact/hooks';
import { getFirearmReference, registerFirearm, searchFirearms, type RegisterFirearmBody, type SearchFirearmsResponse } from '../api/generated/operations';
import type { FirearmHit } from '../api/generated/schemas';
import { Badge, Dash, ErrorNotice, Field, fmtNumber, PageTitle, TaskView } from '../components/common';
import { navigate } from '../lib/router';
import { onSessionEnd } from '../lib/memory';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

let last: { serial: string; make: string; calibre: string; soft: boolean; hits: SearchFirearmsResponse | null } =
  { serial: '', make: '', calibre: '', soft: false, hits: null };
onSessionEnd(() => {
  last = { serial: '', make: '', calibre: '', soft: false, hits: null };
});

export function FirearmsPage() {
  const me = useMe();
  const [serial, setSerial] = useState(last.serial);
  const [make, setMake] = useState(last.make);
  const [calibre, setCalibre] = useState(last.calibre);
  const [soft, setSoft] = useState(last.soft);
  const search = useTask(async (signal, step) => {
    step('matching serial numbers');
    const r = await searchFirearms({ serial, make, calibre, soft: soft || undefined, limit: 50 }, signal);
    last = { serial, make, calibre, soft, hits: r };
    return r;
  });
  const hits = search.data ?? last.hits;
  return (
    <>
      <PageTitle title="Firearms" sub="Register, lifecycle, chain of custody and tracing (UN Firearms Protocol, International Tracing Instrument)." />
      <nav class="actions" aria-label="Firearms pages">
        <a class="button secondary" href="/traces">Trace requests</a>
      </nav>
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); if (serial.trim()) search.run(); }}>
        <Field label="Serial number (partial)" id="serial" hint="? = one unreadable character, * = any run. Example: AB?45*">
          <input id="serial" value={serial} maxLength={64} required autocomplete="off" onInput={(e) => setSerial((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Make" id="make"><input id="make" value={make} onInput={(e) => setMake((e.target as HTMLInputElement).value)} /></Field>
        <Field label="Calibre" id="calibre"><input id="calibre" value={calibre} onInput={(e) => setCalibre((e.target as HTMLInputElement).value)} /></Field>
        <div class="field checkbox">
          <input id="soft" type="checkbox" checked={soft} onChange={(e) => setSoft((e.target as HTMLInputElement).checked)} />
          <label for="soft">Make and calibre only rank, not filter</label>
        </div>
        <button type="submit">Search</button>
      </form>
      {search.status === 'running' && <TaskView task={search} label="Searching the register" cancellable>{() => null}</TaskView>}
      {search.status === 'error' && <ErrorNotice error={search.error} />}
      {hits && search.status !== 'running' && <Hits hits={hits.items} usedIndex={hits.used_index} />}
      {can(me, 'write_firearms') && <Register />}
    </>
  );
}

function Hits(props: { hits: FirearmHit[]; usedIndex?: boolean }) {
  if (!props.hits.length) return <p class="notice">No firearm matches this serial pattern.</p>;
  return (
    <table class="data" data-testid="firearm-results">
      <caption>
        {props.hits.length} candidates, best first{props.usedIndex !== undefined && <span class="muted"> ({props.usedIndex ? 'trigram index' : 'full scan'})</span>}
      </caption>
      <thead>
        <tr><th scope="col">Serial</th><th scope="col">Make / model</th><th scope="col">Type</th><th scope="col">Calibre</th><th scope="col">State</th>
          <th scope="col" class="num">Score</th><th scope="col">Agreement</th></tr>
      </thead>
      <tbody>
        {props.hits.map((h) => (
          <tr key={h.firearm.id}>
            <td><a href={`/firearms/${h.firearm.id}`}><code>{h.firearm.serial}</code></a></td>
            <td><Dash v={[h.firearm.make, h.firearm.model].filter(Boolean).join(' ')} /></td>
            <td><Dash v={h.firearm.type} /></td>
            <td><Dash v={h.firearm.calibre} /></td>
            <td><StateBadge state={h.firearm.state} /></td>
            <td class="num">{fmtNumber(h.score)}</td>
            <td class="small">
              {`${h.exact_chars} exact`}{h.confusable_chars ? `, ${h.confusable_chars} confusable` : ''}
              {h.make_agrees === false && ', make differs'}{h.calibre_agrees === false && ', calibre differs'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A lifecycle state; coloured only when it is known whether the state is lawful (from the custody chain). */
export function StateBadge(props: { state?: string; lawful?: boolean }) {
  if (!props.state) return <Dash v={null} />;
  const kind = props.lawful === undefined ? '' : props.lawful ? 'ok' : 'warn';
  return <Badge kind={kind}>{props.state.replace(/_/g, ' ')}{props.lawful === false ? ' (not lawful)' : ''}</Badge>;
}

function Register() {
  const ref = useLoad((signal) => getFirearmReference(signal), []);
  const [f, setF] = useState<Record<string, string>>({ serial: '', type: '', make: '', model: '', calibre: '', country_of_manufacture: '', place_of_manufacture: '', import_country: '', import_year: '', state_stock_mark: '', licence_number: '' });
  const save = useTask(async (signal, step) => {
    step('registering');
    const given = (k: string) => f[k].trim() || undefined;
    const body: RegisterFirearmBody = {
      serial: f.serial.trim(), type: f.type, make: given('make'), model: given('model'), calibre: given('calibre'),
      country_of_manufacture: given('country_of_manufacture'), place_of_manufacture: given('place_of_manufacture'),
      import_country: given('import_country'), import_year: f.import_year.trim() ? Number(f.import_year) : undefined,
      state_stock_mark: given('state_stock_mark'), licence_number: given('licence_number'),
    };
    return registerFirearm(body, signal);
  });
  const set = (k: string) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  return (
    <details class="panel">
      <summary>Register a firearm</summary>
      <form class="form-grid" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="Serial number" id="r-serial"><input id="r-serial" required maxLength={64} value={f.serial} onInput={set('serial')} /></Field>
        <Field label="Type" id="r-type">
          <select id="r-type" required value={f.type} onChange={set('type')}>
            <option value="">Choose…</option>
            {ref.data?.types.map((t) => <option key={t.code} value={t.code}>{t.label}</option>)}
          </select>
        </Field>
        <Field label="Maker" id="r-make"><input id="r-make" value={f.make} onInput={set('make')} /></Field>
        <Field label="Model" id="r-model"><input id="r-model" value={f.model} onInput={set('model')} /></Field>
        <Field label="Calibre" id="r-calibre"><input id="r-calibre" value={f.calibre} onInput={set('calibre')} /></Field>
        <Field label="Country of manufacture (ISO alpha-2)" id="r-com"><input id="r-com" maxLength={2} value={f.country_of_manufacture} onInput={set('country_of_manufacture')} /></Field>
        <Field label="Place of manufacture" id="r-pom"><input id="r-pom" value={f.place_of_manufacture} onInput={set('place_of_manufacture')} /></Field>
        <Field label="Import mark: country" id="r-ic"><input id="r-ic" value={f.import_country} onInput={set('import_country')} /></Field>
        <Field label="Import mark: year" id="r-iy"><input id="r-iy" type="number" min={1800} max={2100} value={f.import_year} onInput={set('import_year')} /></Field>
        <Field label="State stock mark" id="r-ssm"><input id="r-ssm" value={f.state_stock_mark} onInput={set('state_stock_mark')} /></Field>
        <Field label="Licence number" id="r-lic"><input id="r-lic" value={f.licence_number} onInput={set('licence_number')} /></Field>
        <div class="actions"><button type="submit" disabled={save.status === 'running'}>Register</button></div>
      </form>
      {save.status === 'error' && <ErrorNotice error={save.error} />}
      {save.status === 'done' && save.data && (
        <p class="notice" role="status">
          Registered as number {save.data.firearm.id}.{' '}
          <button type="button" class="link" onClick={() => navigate(`/firearms/${save.data!.firearm.id}`)}>Open it</button>
        </p>
      )}
    </details>
  );
}
