// Text leads on the entity page (docs/text-leads.md, issue 19 point 5): a narrative, an ad or a
// message shown as written with each selector found in it highlighted and linked to the selector's
// entity (the phone, wallet, account ... that resolution joins to a person), and, on a selector's
// page, the texts that name it. Spans are UTF-8 byte offsets of the stored value (the server's
// unit), so the text is cut as bytes and each piece decoded.
import type { Entity, TextMention } from '../api/generated/schemas';
import { entityHref } from '../lib/router';

interface Piece { text: string; mention?: TextMention }

/** `text` cut at the mentions' byte spans; spans out of range or overlapping an earlier one are left unmarked. */
export function piecesOf(text: string, mentions: TextMention[]): Piece[] {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const out: Piece[] = [];
  let at = 0;
  for (const m of [...mentions].sort((a, b) => a.begin - b.begin)) {
    if (m.begin < at || m.end > bytes.length || m.end <= m.begin) continue;
    if (m.begin > at) out.push({ text: decoder.decode(bytes.slice(at, m.begin)) });
    out.push({ text: decoder.decode(bytes.slice(m.begin, m.end)), mention: m });
    at = m.end;
  }
  if (at < bytes.length) out.push({ text: decoder.decode(bytes.slice(at)) });
  return out;
}

export function TextMentions(props: { e: Entity }) {
  const { text, named_in: named } = props.e;
  if (!text.length && !named.length) return null;
  return (
    <section aria-labelledby="texts-h" data-testid="texts">
      <h2 id="texts-h">Texts and the selectors in them</h2>
      {text.map((t) => (
        <figure key={`${t.prop}|${t.record}`} class="text-lead" data-testid={`text-${t.prop}`}>
          <figcaption class="muted">{t.prop} · {t.record}</figcaption>
          <p class="as-written">
            {piecesOf(t.text, t.mentions).map((p, i) => p.mention
              ? <a key={i} href={entityHref(p.mention.selector)} title={`${p.mention.kind}: ${p.mention.value}`}><mark data-kind={p.mention.kind}>{p.text}</mark></a>
              : <span key={i}>{p.text}</span>)}
          </p>
        </figure>
      ))}
      {named.length > 0 && (
        <>
          <h3>Named in texts</h3>
          <ul class="plain" data-testid="named-in">
            {named.map((m) => (
              <li key={m.id}>
                <a href={entityHref(m.document)}>{m.document}</a> <span class="muted">({m.field}, {m.record}, as {m.kind})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
