/**
 * The current view as a graph file for Gephi, yEd, networkx or igraph: GraphML (graphml.graphdrawing.org,
 * keys declared with their types) and GEXF 1.3 (gexf.net, attributes declared per class, positions in
 * viz:position so a layout comes along). Every attribute a node or link has is written; types are taken
 * from the values (double when any value is a non-integer number, long for integers, boolean, else string).
 */

export type AttrValue = string | number | boolean | null | undefined;

export interface GraphExport {
  /** Directed: supplier → buyer. */
  nodes: { id: string; label: string; attrs: Record<string, AttrValue>; x?: number; y?: number }[];
  edges: { source: string; target: string; attrs: Record<string, AttrValue> }[];
  /** Written as graph-level data: scenario, data version, date. */
  meta: [string, string][];
}

type AttrType = 'string' | 'double' | 'long' | 'boolean';

function xml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** Attribute names and types over all records, in first-seen order. */
export function attributeTypes(records: Record<string, AttrValue>[]): Map<string, AttrType> {
  const types = new Map<string, AttrType>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r)) {
      if (v === null || v === undefined) {
        if (!types.has(k)) types.set(k, 'string');
        continue;
      }
      const seen = types.get(k);
      const now: AttrType = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : 'string';
      if (seen === undefined || (seen === 'string' && !records.some((x) => typeof x[k] === 'string'))) types.set(k, now);
      else if (seen !== now) types.set(k, seen === 'long' && now === 'double' ? 'double' : seen === 'double' && now === 'long' ? 'double' : 'string');
    }
  }
  return types;
}

const valueText = (v: AttrValue): string => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'NaN') : String(v));

const graphmlType: Record<AttrType, string> = { string: 'string', double: 'double', long: 'long', boolean: 'boolean' };

export function toGraphml(g: GraphExport): string {
  const nodeTypes = attributeTypes(g.nodes.map((n) => ({ label: n.label, ...n.attrs, ...(n.x !== undefined ? { x: n.x, y: n.y } : {}) })));
  const edgeTypes = attributeTypes(g.edges.map((e) => e.attrs));
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  g.meta.forEach(([k], i) => out.push(`  <key id="g${i}" for="graph" attr.name="${xml(k)}" attr.type="string"/>`));
  const nodeKey = new Map<string, string>();
  [...nodeTypes].forEach(([name, type], i) => {
    nodeKey.set(name, `n${i}`);
    out.push(`  <key id="n${i}" for="node" attr.name="${xml(name)}" attr.type="${graphmlType[type]}"/>`);
  });
  const edgeKey = new Map<string, string>();
  [...edgeTypes].forEach(([name, type], i) => {
    edgeKey.set(name, `e${i}`);
    out.push(`  <key id="e${i}" for="edge" attr.name="${xml(name)}" attr.type="${graphmlType[type]}"/>`);
  });
  out.push('  <graph id="anchorage" edgedefault="directed">');
  g.meta.forEach(([, v], i) => out.push(`    <data key="g${i}">${xml(v)}</data>`));
  for (const n of g.nodes) {
    const attrs: Record<string, AttrValue> = { label: n.label, ...n.attrs, ...(n.x !== undefined ? { x: n.x, y: n.y } : {}) };
    const data = Object.entries(attrs)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `<data key="${nodeKey.get(k)}">${xml(valueText(v))}</data>`)
      .join('');
    out.push(`    <node id="${xml(n.id)}">${data}</node>`);
  }
  g.edges.forEach((e, i) => {
    const data = Object.entries(e.attrs)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `<data key="${edgeKey.get(k)}">${xml(valueText(v))}</data>`)
      .join('');
    out.push(`    <edge id="l${i}" source="${xml(e.source)}" target="${xml(e.target)}">${data}</edge>`);
  });
  out.push('  </graph>');
  out.push('</graphml>');
  return out.join('\n') + '\n';
}

const gexfType: Record<AttrType, string> = { string: 'string', double: 'double', long: 'long', boolean: 'boolean' };

export function toGexf(g: GraphExport, date = new Date()): string {
  const nodeTypes = attributeTypes(g.nodes.map((n) => n.attrs));
  const edgeTypes = attributeTypes(g.edges.map((e) => e.attrs));
  const nodeIds = new Map([...nodeTypes.keys()].map((k, i) => [k, String(i)]));
  const edgeIds = new Map([...edgeTypes.keys()].map((k, i) => [k, String(i)]));
  const values = (attrs: Record<string, AttrValue>, ids: Map<string, string>): string => {
    const vs = Object.entries(attrs).filter(([, v]) => v !== null && v !== undefined);
    return vs.length ? `<attvalues>${vs.map(([k, v]) => `<attvalue for="${ids.get(k)}" value="${xml(valueText(v))}"/>`).join('')}</attvalues>` : '';
  };
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">');
  out.push(`  <meta lastmodifieddate="${date.toISOString().slice(0, 10)}"><creator>Anchorage</creator><description>${xml(g.meta.map(([k, v]) => `${k}: ${v}`).join('; '))}</description></meta>`);
  out.push('  <graph defaultedgetype="directed" mode="static">');
  out.push(`    <attributes class="node">${[...nodeTypes].map(([k, type]) => `<attribute id="${nodeIds.get(k)}" title="${xml(k)}" type="${gexfType[type]}"/>`).join('')}</attributes>`);
  out.push(`    <attributes class="edge">${[...edgeTypes].map(([k, type]) => `<attribute id="${edgeIds.get(k)}" title="${xml(k)}" type="${gexfType[type]}"/>`).join('')}</attributes>`);
  out.push('    <nodes>');
  for (const n of g.nodes) {
    const pos = n.x !== undefined && n.y !== undefined ? `<viz:position x="${n.x}" y="${n.y}" z="0"/>` : '';
    out.push(`      <node id="${xml(n.id)}" label="${xml(n.label)}">${values(n.attrs, nodeIds)}${pos}</node>`);
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  g.edges.forEach((e, i) => {
    const w = typeof e.attrs.value === 'number' ? ` weight="${e.attrs.value}"` : '';
    out.push(`      <edge id="${i}" source="${xml(e.source)}" target="${xml(e.target)}"${w}>${values(e.attrs, edgeIds)}</edge>`);
  });
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return out.join('\n') + '\n';
}

export function graphmlBlob(g: GraphExport): Blob {
  return new Blob([toGraphml(g)], { type: 'application/graphml+xml;charset=utf-8' });
}

export function gexfBlob(g: GraphExport): Blob {
  return new Blob([toGexf(g)], { type: 'application/gexf+xml;charset=utf-8' });
}
