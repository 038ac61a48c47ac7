// Network drawing with Cytoscape.js (canvas), loaded on first use, drawn the way link-analysis charts
// are read: parallel links of one kind between two nodes are one line (lib/graph.ts mergeLinks) with
// their count or money total, width by weight, arrows where the kind has a direction; node labels keep
// a constant size on screen and a label that would overlap a node or another label is hidden until
// zoomed in (most important nodes first); ego networks are drawn in rings by hop distance, money
// trails left to right from the start. Every drawing carries its legend. The canvas is not usable by
// keyboard, so every page that shows it also lists the nodes as buttons (see NodeList), and a chosen
// line lists its underlying links in a table (LinkDetail).
//
// For the browser tests the drawing states what it drew: data-nodes, data-edges (drawn lines),
// data-arrows (lines with an arrow head), data-links (underlying links) and data-ready="true" once
// laid out, on the element with data-testid="graph".
import type { Core, EdgeSingular, ElementDefinition, NodeSingular } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  contactsText, dateRange, DIRECTED_RELATIONS, flowPositions, mergeLinks, moneyText, ROLE_COLOURS, roleClass, type GraphData, type GNode, type LinkGroup,
} from '../lib/graph';
import { fmtAmount, fmtNumber } from './common';

const SHAPES: Record<string, string> = {
  person: 'ellipse',
  organisation: 'hexagon',
  organization: 'hexagon',
  company: 'hexagon',
  phone: 'round-rectangle',
  account: 'diamond',
  bankaccount: 'diamond',
  wallet: 'diamond',
  hawala: 'diamond',
  location: 'triangle',
  address: 'triangle',
  case: 'rectangle',
  firearm: 'star',
  vehicle: 'pentagon',
};

function shapeOf(kind: string): string {
  const k = kind.toLowerCase().replace(/[^a-z]/g, '');
  return SHAPES[k] ?? 'ellipse';
}

export const EDGE_COLOURS: Record<string, string> = {
  payment: '#e65100',
  call: '#3949ab',
  involvement: '#757575',
  family: '#ad1457',
  associate: '#6d4c41',
  travel: '#00897b',
  ownership: '#546e7a',
  membership: '#7cb342',
};
const OTHER_EDGE = '#9e9e9e';
const edgeColour = (relation: string) => EDGE_COLOURS[relation] ?? OTHER_EDGE;

const LABEL_PX = 11; // node label size on screen, whatever the zoom
const EDGE_LABEL_PX = 10;

export function elementsOf(g: GraphData, groups: LinkGroup[], highlight?: Set<string>): ElementDefinition[] {
  const els: ElementDefinition[] = [];
  for (const n of g.nodes) {
    els.push({
      group: 'nodes',
      data: { id: n.key, label: n.caption, colour: ROLE_COLOURS[roleClass(n)], shape: shapeOf(n.kind), hops: n.hops ?? 1 },
      classes: [roleClass(n), highlight?.has(n.key) ? 'hl' : '', n.hops === 0 ? 'focus' : ''].filter(Boolean).join(' '),
    });
  }
  // thin lines first: the canvas draws later elements on top, so the heavy lines and their labels stay readable
  for (const l of [...groups].sort((a, b) => a.width - b.width)) {
    els.push({
      group: 'edges',
      // cytoscape scales arrow heads with the line width: wide lines get relatively smaller heads
      data: { id: l.id, source: l.source, target: l.target, colour: edgeColour(l.relation), width: l.width, label: l.label,
        arrow: Math.min(1.3, Math.max(0.55, 2.6 / l.width)) },
      classes: [l.directed ? 'directed' : '',
        highlight?.has(`${l.source}>${l.target}`) || highlight?.has(`${l.target}>${l.source}`) ? 'hl' : ''].filter(Boolean).join(' '),
    });
  }
  return els;
}

type Layout = 'ego' | 'flow' | 'cose';

export function GraphView(props: {
  data: GraphData;
  highlight?: Set<string>;
  selected?: string | null;
  onSelect?: (key: string | null) => void;
  label: string;
  layout?: Layout;
  root?: string; // the node a 'flow' drawing starts from
}) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [error, setError] = useState('');
  const [link, setLink] = useState<LinkGroup | null>(null);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const groups = useMemo(() => mergeLinks(props.data.edges), [props.data]);
  const byId = useMemo(() => new Map(groups.map((l) => [l.id, l])), [groups]);
  const nodes = useMemo(() => new Map(props.data.nodes.map((n) => [n.key, n])), [props.data]);

  // Draws the graph, again whenever the data, highlights, layout or a 'flow' drawing's root change
  // (groups, byId and nodes are memos of the data).
  useEffect(() => {
    let cancelled = false;
    setLink(null);
    (async () => {
      try {
        const { default: cytoscape } = await import('cytoscape');
        if (cancelled || !box.current) return;
        cy.current?.destroy();
        const el = box.current;
        el.dataset.ready = 'false';
        const c = cytoscape({
          container: el,
          elements: elementsOf(props.data, groups, props.highlight),
          minZoom: 0.05,
          maxZoom: 5,
          wheelSensitivity: 0.3,
          style: [
            {
              selector: 'node',
              style: {
                'background-color': 'data(colour)', shape: 'data(shape)' as never, label: 'data(label)', 'font-size': LABEL_PX,
                color: '#1a1a1a', 'text-valign': 'bottom', 'text-margin-y': 3, width: 20, height: 20,
                'border-width': 1.5, 'border-color': '#fff', 'text-wrap': 'ellipsis', 'text-max-width': '130px',
                'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
                'text-background-shape': 'roundrectangle',
              },
            },
            { selector: 'node.nolabel', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
            { selector: 'node.focus', style: { width: 32, height: 32, 'border-width': 3, 'border-color': '#000', 'font-weight': 'bold' } },
            { selector: 'node.hl', style: { 'border-width': 4, 'border-color': '#ffab00' } },
            { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0d47a1', 'font-weight': 'bold', 'text-opacity': 1, 'text-background-opacity': 0.95, 'z-index': 10 } },
            {
              selector: 'edge',
              style: {
                width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'bezier', opacity: 1,
                label: 'data(label)', 'font-size': EDGE_LABEL_PX, 'text-wrap': 'wrap', color: '#333',
                'text-background-color': '#ffffff', 'text-background-opacity': 1, 'text-background-padding': '2px',
                'text-background-shape': 'roundrectangle', 'control-point-step-size': 40, 'z-index': 2,
              },
            },
            { selector: 'edge[label = ""]', style: { 'z-index': 1, opacity: 0.75 } },
            { selector: 'edge.nolabel', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
            { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(colour)', 'arrow-scale': 'data(arrow)' as never } },
            { selector: 'edge.hl', style: { 'line-color': '#ffab00', 'target-arrow-color': '#ffab00', opacity: 1 } },
            { selector: 'edge:selected', style: { opacity: 1, 'line-style': 'solid', 'underlay-color': '#0d47a1', 'underlay-opacity': 0.25, 'underlay-padding': 4, 'text-opacity': 1, 'text-background-opacity': 0.95, 'z-index': 10 } },
          ],
          layout: { name: 'preset' },
        });
        cy.current = c;
        c.layout(layoutOptions(props.layout ?? 'cose', props.data, props.root)).run();
        fitReadable(c);
        const declutter = () => hideCollidingLabels(c, nodes);
        declutter();
        let pending = 0;
        c.on('zoom', () => {
          if (!pending) pending = requestAnimationFrame(() => { pending = 0; declutter(); });
        });
        c.on('tap', 'node', (ev) => {
          setLink(null);
          onSelect.current?.((ev.target as NodeSingular).id());
        });
        c.on('tap', 'edge', (ev) => setLink(byId.get((ev.target as EdgeSingular).id()) ?? null));
        c.on('tap', (ev) => {
          if (ev.target === c) {
            setLink(null);
            onSelect.current?.(null);
          }
        });
        c.on('mouseover', 'edge', (ev) => {
          const l = byId.get((ev.target as EdgeSingular).id());
          if (l) el.title = linkSummary(l, nodes);
        });
        c.on('mouseover', 'node', (ev) => {
          const n = nodes.get((ev.target as NodeSingular).id());
          if (n) el.title = `${n.caption} (${n.kind}${n.role ? `, ${n.role.role}` : n.victim ? ', victim' : ''})`;
        });
        c.on('mouseout', 'node, edge', () => { el.title = ''; });
        el.dataset.nodes = String(c.nodes().length);
        el.dataset.edges = String(c.edges().length);
        el.dataset.arrows = String(c.edges().filter((e) => e.style('target-arrow-shape') !== 'none').length);
        el.dataset.links = String(groups.reduce((s, l) => s + l.count, 0));
        el.dataset.ready = 'true';
      } catch {
        if (!cancelled) setError('The network drawing could not be started in this browser; the list beside it has every node.');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [props.data, props.highlight, props.layout, props.root, groups, byId, nodes]);

  useEffect(() => () => cy.current?.destroy(), []);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.nodes(':selected').unselect();
    if (props.selected) {
      const n = c.getElementById(props.selected);
      if (n.nonempty()) {
        n.select();
        c.animate({ center: { eles: n } }, { duration: 200 });
      }
    }
  }, [props.selected]);

  return (
    <div class="graph-box">
      <GraphLegend data={props.data} groups={groups} />
      <div class="graph-wrap">
        <div ref={box} class="graph" role="img" aria-label={props.label} data-testid="graph" />
        {error && <p class="error">{error}</p>}
        <div class="graph-tools">
          <button type="button" class="secondary" onClick={() => cy.current && fitReadable(cy.current)}>Fit</button>
          <button type="button" class="secondary" onClick={() => cy.current?.zoom({ level: cy.current.zoom() * 1.25, renderedPosition: centre(cy.current) })} aria-label="Zoom in">+</button>
          <button type="button" class="secondary" onClick={() => cy.current?.zoom({ level: cy.current.zoom() / 1.25, renderedPosition: centre(cy.current) })} aria-label="Zoom out">−</button>
        </div>
      </div>
      <p class="muted small">
        {fmtNumber(groups.reduce((s, l) => s + l.count, 0))} links drawn as {fmtNumber(groups.length)} {groups.length === 1 ? 'line' : 'lines'} (one per pair and kind
        {groups.some((l) => l.directed) ? ' and direction' : ''}). Choose a line to list its links; labels hidden where they would overlap appear as you zoom in.
      </p>
      <LineList groups={groups} nodes={nodes} chosen={link} onChoose={(l) => {
        setLink(l);
        cy.current?.edges(':selected').unselect();
        cy.current?.getElementById(l.id).select();
      }} />
      {link && <LinkDetail link={link} nodes={nodes} onClose={() => setLink(null)} />}
    </div>
  );
}

/** Fits the drawing in view, but never magnifies a small drawing beyond 1.5x (nodes would be huge). */
function fitReadable(c: Core) {
  c.fit(undefined, 40);
  if (c.zoom() > 1.5) {
    c.zoom(1.5);
    c.center();
  }
}

function centre(c: Core) {
  return { x: c.width() / 2, y: c.height() / 2 };
}

// Layouts: 'ego' puts the centre in the middle and each hop distance on its own ring (cytoscape's
// concentric layout); 'flow' puts the start on the left and each further hop one column to the right
// (breadth-first); 'cose' is a force-directed layout for anything else.
function layoutOptions(name: Layout, g: GraphData, root?: string) {
  const n = g.nodes.length;
  if (name === 'ego') {
    const maxHops = Math.max(1, ...g.nodes.map((x) => x.hops ?? 1));
    return {
      name: 'concentric', animate: false, avoidOverlap: true, startAngle: (3 / 2) * Math.PI,
      minNodeSpacing: n > 120 ? 14 : n > 40 ? 30 : 60, spacingFactor: n > 120 ? 1 : 1.3,
      concentric: (v: NodeSingular) => maxHops - Number(v.data('hops') ?? maxHops),
      levelWidth: () => 1,
    } as const;
  }
  if (name === 'flow') {
    const at = flowPositions(g, root);
    return { name: 'preset', animate: false, positions: (v: NodeSingular) => at.get(v.id()) ?? { x: 0, y: 0 } } as const;
  }
  return { name: 'cose', animate: false, nodeRepulsion: () => 12000, idealEdgeLength: () => 90, numIter: n > 300 ? 400 : 1000, randomize: false } as const;
}

interface Box { x1: number; y1: number; x2: number; y2: number }
const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

let measurer: CanvasRenderingContext2D | null = null;
function textWidth(text: string, px: number): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * px * 0.6;
  measurer.font = `${px}px Helvetica Neue, Helvetica, sans-serif`;
  return measurer.measureText(text).width;
}

/**
 * Greedy label placement: keeps the screen size of labels constant (font size = px / zoom), then, most
 * important node first (the centre, then by role, then by degree), shows a label only when its box does
 * not overlap a node or a label already shown; line labels come after node labels, heaviest first.
 * Boxes are in model coordinates, so the result holds for the current zoom; it is redone on zoom.
 */
export function hideCollidingLabels(c: Core, nodes: Map<string, GNode>): void {
  const z = c.zoom();
  const px = LABEL_PX / z, epx = EDGE_LABEL_PX / z;
  c.batch(() => {
    c.nodes().style({ 'font-size': px, 'text-margin-y': 3 / z, 'text-max-width': `${130 / z}px` });
    c.edges().style({ 'font-size': epx });
  });
  const taken: Box[] = [];
  const own = new Map<string, Box>(); // a node's label may touch its own node
  c.nodes().forEach((n) => {
    const p = n.position(), r = n.width() / 2 + 1;
    const b = { x1: p.x - r, y1: p.y - r, x2: p.x + r, y2: p.y + r };
    taken.push(b);
    own.set(n.id(), b);
  });
  const rank = (n: NodeSingular) => {
    const g = nodes.get(n.id());
    const role = g ? ROLE_RANK.indexOf(roleClass(g)) : ROLE_RANK.length;
    return (g?.hops === 0 ? 0 : 1) * 1e6 + role * 1e4 - n.degree(false);
  };
  const sorted = c.nodes().toArray().sort((a, b) => rank(a) - rank(b));
  const shown = new Set<string>();
  for (const n of sorted) {
    const label = String(n.data('label') ?? '');
    if (!label) continue;
    const w = Math.min(textWidth(label, LABEL_PX), 130) / z + 2 / z;
    const h = (LABEL_PX + 3) / z;
    const p = n.position(), top = p.y + n.height() / 2 + 3 / z;
    const b = { x1: p.x - w / 2, y1: top, x2: p.x + w / 2, y2: top + h };
    const self = own.get(n.id());
    if (!taken.some((t) => t !== self && overlaps(t, b))) {
      taken.push(b);
      shown.add(n.id());
    }
  }
  const edges = c.edges().toArray().filter((e) => e.data('label')).sort((a, b) => Number(b.data('width')) - Number(a.data('width')));
  for (const e of edges) {
    const lines = String(e.data('label')).split('\n');
    const w = (Math.max(...lines.map((l) => textWidth(l, EDGE_LABEL_PX))) + 2) / z;
    const h = (lines.length * (EDGE_LABEL_PX + 2)) / z;
    const m = e.midpoint();
    const b = { x1: m.x - w / 2, y1: m.y - h / 2, x2: m.x + w / 2, y2: m.y + h / 2 };
    if (!taken.some((t) => overlaps(t, b))) {
      taken.push(b);
      shown.add(e.id());
    }
  }
  c.batch(() => {
    c.elements().forEach((el) => {
      if (shown.has(el.id())) el.removeClass('nolabel');
      else el.addClass('nolabel');
    });
  });
}

const ROLE_RANK = ['organiser', 'broker', 'recruiter', 'transporter', 'peripheral', 'victim', 'unscored'];

function linkSummary(l: LinkGroup, nodes: Map<string, GNode>): string {
  const name = (k: string) => nodes.get(k)?.caption ?? k;
  const parts = [contactsText(l)];
  if (l.totals.length) parts.push(moneyText(l.totals));
  const range = dateRange(l.first, l.last);
  if (range) parts.push(range);
  return `${name(l.source)} ${l.directed ? '→' : '—'} ${name(l.target)}: ${parts.join(', ')}`;
}

/** Keyboard-usable list of the drawn lines, heaviest first; choosing one lists its links (LinkDetail). */
function LineList(props: { groups: LinkGroup[]; nodes: Map<string, GNode>; chosen: LinkGroup | null; onChoose: (l: LinkGroup) => void }) {
  const sorted = useMemo(() => [...props.groups].sort((a, b) => b.width - a.width || b.count - a.count), [props.groups]);
  if (!sorted.length) return null;
  return (
    <details class="line-list">
      <summary>All {fmtNumber(sorted.length)} lines</summary>
      <ul class="lines" aria-label="Lines">
        {sorted.map((l) => (
          <li key={l.id}>
            <button type="button" class={`node-btn ${props.chosen?.id === l.id ? 'active' : ''}`} aria-pressed={props.chosen?.id === l.id}
              data-line={l.id} onClick={() => props.onChoose(l)}>
              <span dir="auto">{linkSummary(l, props.nodes)}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The links behind one drawn line, in date order. */
export function LinkDetail(props: { link: LinkGroup; nodes: Map<string, GNode>; onClose: () => void }) {
  const l = props.link;
  const name = (k: string) => props.nodes.get(k)?.caption ?? k;
  const money = l.links.some((x) => x.amount !== undefined);
  const shown = l.links.slice(0, 500);
  return (
    <section class="panel link-detail" data-testid="link-detail" data-line={l.id} aria-live="polite" aria-label="Links of the chosen line">
      <h3>
        <span dir="auto">{name(l.source)}</span> {l.directed ? '→' : '—'} <span dir="auto">{name(l.target)}</span>
        <button type="button" class="link close" onClick={props.onClose} aria-label="Close the list of links">×</button>
      </h3>
      <p>
        {contactsText(l)}
        {l.totals.length > 0 && <>, {l.totals.map((t) => `${t.currency} ${t.amount.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`).join(' + ')}</>}
        {l.first && <>, {dateRange(l.first, l.last)}</>}.
      </p>
      <table class="data compact">
        <thead>
          <tr>
            <th scope="col">Date</th>
            {money && <th scope="col" class="num">Amount</th>}
            {money && <th scope="col">Channel</th>}
            {!l.directed && <th scope="col">Direction</th>}
            <th scope="col">Agency</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((x, i) => (
            <tr key={i}>
              <td>{x.date ?? 'undated'}</td>
              {money && <td class="num">{fmtAmount(x.amount, x.currency)}</td>}
              {money && <td>{x.channel ?? ''}</td>}
              {!l.directed && <td class="small">{x.source === l.source ? 'recorded from the first' : 'recorded from the second'}</td>}
              <td>{x.agency || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {l.links.length > shown.length && <p class="muted small">First {shown.length} of {fmtNumber(l.links.length)} links shown.</p>}
    </section>
  );
}

const SHAPE_SVG: Record<string, string> = {
  ellipse: 'M6 1a5 5 0 1 0 0.01 0Z',
  hexagon: 'M3 1.5h6l3 4.5-3 4.5h-6l-3-4.5Z',
  'round-rectangle': 'M2 2h8v8h-8Z',
  diamond: 'M6 0.5l5.5 5.5-5.5 5.5-5.5-5.5Z',
  triangle: 'M6 1l5.5 10h-11Z',
  rectangle: 'M1 2h10v8h-10Z',
  star: 'M6 0.5l1.6 3.6 3.9.4-2.9 2.6.8 3.9-3.4-2-3.4 2 .8-3.9-2.9-2.6 3.9-.4Z',
  pentagon: 'M6 0.5l5.5 4-2 6.5h-7l-2-6.5Z',
};

/** What the colours, shapes, lines and widths of this drawing mean (only what it shows). */
export function GraphLegend(props: { data: GraphData; groups: LinkGroup[] }) {
  const roles = ROLE_RANK.filter((r) => props.data.nodes.some((n) => roleClass(n) === r));
  const kinds = [...new Set(props.data.nodes.map((n) => n.kind).filter(Boolean))];
  const relations = [...new Set(props.groups.map((l) => l.relation))];
  const money = props.groups.some((l) => l.totals.length);
  const counted = props.groups.some((l) => !l.totals.length);
  return (
    <div class="legend-box" data-testid="legend" aria-label="Legend of the drawing">
      <ul class="legend" aria-label="Node colours: role">
        {roles.map((r) => (
          <li key={r}>
            <svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill={ROLE_COLOURS[r]} /></svg> {ROLE_LABELS[r] ?? r}
          </li>
        ))}
      </ul>
      <ul class="legend" aria-label="Node shapes: kind">
        {kinds.map((k) => (
          <li key={k}>
            <svg width="12" height="12" aria-hidden="true"><path d={SHAPE_SVG[shapeOf(k)] ?? SHAPE_SVG.ellipse} fill="#777" /></svg> {k}
          </li>
        ))}
      </ul>
      <ul class="legend" aria-label="Lines: kind of link">
        {relations.map((r) => (
          <li key={r}>
            <svg width="30" height="12" aria-hidden="true">
              <line x1="1" y1="6" x2={DIRECTED_RELATIONS.has(r) ? 22 : 29} y2="6" stroke={edgeColour(r)} stroke-width="3" />
              {DIRECTED_RELATIONS.has(r) && <path d="M21 1.5l8 4.5-8 4.5Z" fill={edgeColour(r)} />}
            </svg>{' '}
            {r}{DIRECTED_RELATIONS.has(r) ? (r === 'payment' ? ' (payer → payee)' : ' (caller → called)') : ''}
          </li>
        ))}
      </ul>
      <p class="legend-note small">
        Line width:{counted && ' how many links (log scale)'}{counted && money && ';'}{money && `${counted ? ' payments by' : ''} total amount, relative to the largest in the drawing (log scale)`}.
        Label: {money ? 'total, number of payments and dates' : 'number of links'}.
      </p>
    </div>
  );
}

const ROLE_LABELS: Record<string, string> = {
  organiser: 'Organiser', broker: 'Broker', recruiter: 'Recruiter', transporter: 'Transporter', peripheral: 'Peripheral',
  victim: 'Victim (no name shown)', unscored: 'Not scored (not an actor)',
};

/** Keyboard-usable list of the nodes of a drawing; choosing one selects it in the drawing. */
export function NodeList(props: { nodes: GNode[]; selected: string | null; onSelect: (k: string) => void }) {
  const sorted = [...props.nodes].sort((a, b) => rank(a) - rank(b) || a.caption.localeCompare(b.caption));
  return (
    <ul class="node-list" aria-label="Nodes">
      {sorted.map((n) => (
        <li key={n.key}>
          <button type="button" class={`node-btn ${props.selected === n.key ? 'active' : ''}`} aria-pressed={props.selected === n.key}
            data-key={n.key} data-colour={roleClass(n)} onClick={() => props.onSelect(n.key)}>
            <svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4.5" fill={ROLE_COLOURS[roleClass(n)]} /></svg>{' '}
            <span dir="auto">{n.caption}</span> <span class="muted">{n.kind}{n.role ? ` · ${n.role.role}` : ''}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function rank(n: GNode): number {
  return ROLE_RANK.indexOf(roleClass(n));
}
