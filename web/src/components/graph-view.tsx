// Network drawing with Cytoscape.js (canvas), loaded on first use. Nodes are coloured by role and
// shaped by kind; payments are arrows whose width grows with the amount. The canvas is not usable
// by keyboard, so every page that shows it also lists the nodes as buttons (see NodeList).
import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLE_COLOURS, roleClass, type GraphData, type GNode } from '../lib/graph';

const SHAPES: Record<string, string> = {
  person: 'ellipse',
  organisation: 'hexagon',
  organization: 'hexagon',
  phone: 'round-rectangle',
  account: 'diamond',
  bankaccount: 'diamond',
  wallet: 'diamond',
  hawala: 'diamond',
  location: 'triangle',
  case: 'rectangle',
  firearm: 'star',
  vehicle: 'pentagon',
};

function shapeOf(kind: string): string {
  const k = kind.toLowerCase().replace(/[^a-z]/g, '');
  return SHAPES[k] ?? 'ellipse';
}

const EDGE_COLOURS: Record<string, string> = {
  payment: '#ef6c00',
  call: '#5c6bc0',
  involvement: '#616161',
  travel: '#00897b',
};

export function elementsOf(g: GraphData, highlight?: Set<string>): ElementDefinition[] {
  const els: ElementDefinition[] = [];
  for (const n of g.nodes) {
    els.push({
      group: 'nodes',
      data: { id: n.key, label: shorten(n.caption), colour: ROLE_COLOURS[roleClass(n)], shape: shapeOf(n.kind) },
      classes: [roleClass(n), highlight?.has(n.key) ? 'hl' : '', n.hops === 0 ? 'focus' : ''].filter(Boolean).join(' '),
    });
  }
  g.edges.forEach((e, i) => {
    const amount = e.amount ?? 0;
    els.push({
      group: 'edges',
      data: {
        id: `e${i}`,
        source: e.source,
        target: e.target,
        colour: EDGE_COLOURS[e.relation.toLowerCase()] ?? '#9e9e9e',
        width: amount > 0 ? Math.min(9, 1 + Math.log10(1 + amount) / 1.2) : 1.2,
      },
      classes: [e.relation.toLowerCase() === 'payment' || e.amount !== undefined ? 'directed' : '',
        highlight?.has(`${e.source}>${e.target}`) || highlight?.has(`${e.target}>${e.source}`) ? 'hl' : ''].filter(Boolean).join(' '),
    });
  });
  return els;
}

function shorten(s: string): string {
  return s.length > 28 ? `${s.slice(0, 26)}…` : s;
}

export function GraphView(props: {
  data: GraphData;
  highlight?: Set<string>;
  selected?: string | null;
  onSelect?: (key: string | null) => void;
  label: string;
  layout?: 'cose' | 'breadthfirst' | 'concentric';
}) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [error, setError] = useState('');
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const { default: cytoscape } = await import('cytoscape');
        if (cancelled || !box.current) return;
        cy.current?.destroy();
        const c = cytoscape({
          container: box.current,
          elements: elementsOf(props.data, props.highlight),
          minZoom: 0.1,
          maxZoom: 4,
          wheelSensitivity: 0.3,
          style: [
            {
              selector: 'node',
              style: {
                'background-color': 'data(colour)', shape: 'data(shape)' as never, label: 'data(label)', 'font-size': 9,
                color: '#222', 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18,
                'border-width': 1, 'border-color': '#fff',
              },
            },
            { selector: 'node.focus', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#000' } },
            { selector: 'node.hl', style: { 'border-width': 4, 'border-color': '#ffab00' } },
            { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0d47a1', 'font-weight': 'bold' } },
            { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'bezier', opacity: 0.75 } },
            { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(colour)' } },
            { selector: 'edge.hl', style: { 'line-color': '#ffab00', 'target-arrow-color': '#ffab00', opacity: 1, width: 4 } },
          ],
          layout: layoutOptions(props.layout ?? 'cose', props.data.nodes.length),
        });
        c.on('tap', 'node', (ev) => onSelect.current?.(ev.target.id()));
        c.on('tap', (ev) => {
          if (ev.target === c) onSelect.current?.(null);
        });
        cy.current = c;
      } catch {
        if (!cancelled) setError('The network drawing could not be started in this browser; the list beside it has every node.');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [props.data, props.highlight, props.layout]);

  useEffect(() => () => cy.current?.destroy(), []);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.$(':selected').unselect();
    if (props.selected) {
      const n = c.getElementById(props.selected);
      if (n.nonempty()) {
        n.select();
        c.animate({ center: { eles: n } }, { duration: 200 });
      }
    }
  }, [props.selected]);

  return (
    <div class="graph-wrap">
      <div ref={box} class="graph" role="img" aria-label={props.label} data-testid="graph" />
      {error && <p class="error">{error}</p>}
      <div class="graph-tools">
        <button type="button" class="secondary" onClick={() => cy.current?.fit(undefined, 20)}>Fit</button>
        <button type="button" class="secondary" onClick={() => cy.current?.zoom(cy.current.zoom() * 1.25)} aria-label="Zoom in">+</button>
        <button type="button" class="secondary" onClick={() => cy.current?.zoom(cy.current.zoom() / 1.25)} aria-label="Zoom out">−</button>
      </div>
    </div>
  );
}

function layoutOptions(name: string, n: number) {
  if (name === 'breadthfirst') return { name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false } as const;
  if (name === 'concentric') return { name: 'concentric', animate: false } as const;
  return { name: 'cose', animate: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 60, numIter: n > 300 ? 400 : 1000, randomize: false } as const;
}

export function Legend() {
  const items: [string, string][] = [
    ['organiser', 'Organiser'], ['broker', 'Broker'], ['recruiter', 'Recruiter'], ['transporter', 'Transporter'],
    ['peripheral', 'Peripheral'], ['victim', 'Victim (no name shown)'], ['unscored', 'Not scored / not an actor'],
  ];
  return (
    <ul class="legend" aria-label="Colours by role">
      {items.map(([k, label]) => (
        <li key={k}>
          <svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill={ROLE_COLOURS[k]} /></svg> {label}
        </li>
      ))}
    </ul>
  );
}

/** Keyboard-usable list of the nodes of a drawing; choosing one selects it in the drawing. */
export function NodeList(props: { nodes: GNode[]; selected: string | null; onSelect: (k: string) => void }) {
  const sorted = [...props.nodes].sort((a, b) => rank(a) - rank(b) || a.caption.localeCompare(b.caption));
  return (
    <ul class="node-list" aria-label="Nodes">
      {sorted.map((n) => (
        <li key={n.key}>
          <button type="button" class={`node-btn ${props.selected === n.key ? 'active' : ''}`} aria-pressed={props.selected === n.key}
            onClick={() => props.onSelect(n.key)}>
            <svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4.5" fill={ROLE_COLOURS[roleClass(n)]} /></svg>{' '}
            <span dir="auto">{n.caption}</span> <span class="muted">{n.kind}{n.role ? ` · ${n.role.role}` : ''}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function rank(n: GNode): number {
  const order = ['organiser', 'broker', 'recruiter', 'transporter', 'peripheral', 'victim', 'unscored'];
  return order.indexOf(roleClass(n));
}
