// Kashf's district reference data (data/reference/pk-districts.tsv, bundled at build time) matched
// to the district outlines of @svg-maps/pakistan.districts (public domain; the pre-2018 districts).
// Names are compared after folding case, spaces and punctuation; the few spellings that differ are
// listed in ALIASES. What still matches nothing is reported (unmatchedShapes, unmatchedDistricts)
// and shown under the map, never silently dropped.
import pakistanMap from '@svg-maps/pakistan.districts';
import districtsTsv from '../../../data/reference/pk-districts.tsv?raw';

export interface KashfDistrict {
  name: string;
  province: string;
}

export interface DistrictShape {
  id: string;
  name: string; // as the map names it
  path: string;
  /** Kashf districts drawn in this outline (several where a district was split after the map was
   * drawn, e.g. Karachi's seven); empty when unmatched. */
  districts: string[];
}

export const KASHF_DISTRICTS: KashfDistrict[] = districtsTsv
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .slice(1)
  .map((l) => {
    const [name, province] = l.split('\t');
    return { name: name.trim(), province: (province ?? '').trim() };
  });

/** Map outline (folded name) -> Kashf districts, where the names differ or a district was split
 * after the map's boundaries (the parent outline carries its successors). */
const ALIASES: Record<string, string[]> = {
  sheerani: ['Sherani'],
  naseerabad: ['Nasirabad'],
  jafarabad: ['Jaffarabad'],
  chaghai: ['Chagai'],
  bolan: ['Kachhi'], // renamed
  qambarshahdatkot: ['Kambar Shahdadkot'],
  nawabshah: ['Shaheed Benazirabad'], // renamed
  naushahrofiroze: ['Naushahro Feroze'],
  shaikhupura: ['Sheikhupura'],
  nankanasahab: ['Nankana Sahib'],
  ghanhce: ['Ghanche'],
  sudhnati: ['Sudhnoti'],
  hattian: ['Hattian Bala'],
  karachi: ['Karachi Central', 'Karachi East', 'Karachi South', 'Karachi West', 'Korangi', 'Malir', 'Keamari'],
  hunzanagar: ['Hunza', 'Nagar'],
  skardu: ['Skardu', 'Shigar', 'Kharmang'],
  chakwal: ['Chakwal', 'Talagang'],
  rawalpindi: ['Rawalpindi', 'Murree'],
  gujranwala: ['Gujranwala', 'Wazirabad'],
  muzaffargarh: ['Muzaffargarh', 'Kot Addu'],
  deraghazikhan: ['Dera Ghazi Khan', 'Taunsa'],
  thatta: ['Thatta', 'Sujawal'],
  killaabdullah: ['Killa Abdullah', 'Chaman'],
  lasbela: ['Lasbela', 'Hub'],
};

/** The package's shape (its types refer to an svg-maps__common package it does not ship). */
interface SvgMap {
  label: string;
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}
const pakistan = pakistanMap as unknown as SvgMap;

export function fold(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
}

export const MAP_VIEWBOX: string = pakistan.viewBox;

const byFolded = new Map(KASHF_DISTRICTS.map((d) => [fold(d.name), d.name]));

function matchName(mapName: string): string[] {
  const f = fold(mapName);
  const alias = ALIASES[f];
  if (alias) return alias.filter((n) => byFolded.has(fold(n)));
  const exact = byFolded.get(f);
  return exact ? [exact] : [];
}

export const SHAPES: DistrictShape[] = pakistan.locations.map((l) => ({ id: l.id, name: l.name, path: l.path, districts: matchName(l.name) }));

/** Map outlines that match no Kashf district (drawn grey, listed under the map). */
export const UNMATCHED_SHAPES: string[] = SHAPES.filter((s) => s.districts.length === 0).map((s) => s.name).sort();

/** Kashf districts that no outline on the map matches (their counts are listed, not drawn). */
export const UNMATCHED_DISTRICTS: string[] = (() => {
  const drawn = new Set(SHAPES.flatMap((s) => s.districts));
  return KASHF_DISTRICTS.map((d) => d.name).filter((n) => !drawn.has(n)).sort();
})();

/** Kashf's spelling of a district name given in any case/spacing, or null. */
export function canonicalDistrict(name: string): string | null {
  return byFolded.get(fold(name)) ?? null;
}
