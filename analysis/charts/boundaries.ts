import { geoArea } from 'd3-geo';
import { feature as topoFeature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { findCodeProperty, type Boundaries } from './choropleth.js';

/**
 * RFC 7946 GeoJSON (what QGIS and most tools write) winds outer rings anticlockwise; d3-geo,
 * which draws Vega's maps, reads that ring as the whole globe minus the commune, so the map
 * shows one filled rectangle. A polygon covering more than a hemisphere is such a ring: reverse
 * its rings. Either convention in the file then draws correctly.
 */
function rewindPolygon(rings: Position[][]): Position[][] {
  const poly: Polygon = { type: 'Polygon', coordinates: rings };
  return geoArea(poly) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
}

function rewindGeometry(g: Geometry | null): Geometry | null {
  if (!g) return g;
  if (g.type === 'Polygon') return { ...g, coordinates: rewindPolygon(g.coordinates) };
  if (g.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(rewindPolygon) };
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => rewindGeometry(x)!) };
  return g;
}

/**
 * Read a boundary file: GeoJSON or TopoJSON (its first object with commune codes), as GeoJSON
 * features wound for d3-geo, and the property holding the commune codes. Throws a message in
 * both languages when the file is neither or has no codes.
 */
export function parseBoundaries(text: string): Boundaries {
  let data: { type?: string; features?: Feature[]; objects?: Record<string, { geometries?: Array<{ properties?: Record<string, unknown> | null }> }> };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new Error('không đọc được JSON · not valid JSON');
  }
  let features: Feature[];
  if (data.type === 'FeatureCollection' && Array.isArray(data.features)) {
    if (!findCodeProperty(data.features)) throw new Error('không thấy thuộc tính mã xã · no property with commune codes');
    features = data.features;
  } else if (data.type === 'Topology' && data.objects) {
    const object = Object.entries(data.objects).find(([, o]) => findCodeProperty(o.geometries ?? []))?.[0];
    if (!object) throw new Error('không thấy đối tượng có mã xã · no object with commune codes');
    const fc = topoFeature(data as unknown as Topology, object) as FeatureCollection | Feature;
    features = fc.type === 'FeatureCollection' ? fc.features : [fc];
  } else {
    throw new Error('không phải GeoJSON hay TopoJSON · not GeoJSON or TopoJSON');
  }
  const rewound = features.map((f) => ({ ...f, geometry: rewindGeometry(f.geometry) }) as Feature);
  return { kind: 'geojson', data: { type: 'FeatureCollection', features: rewound }, codeProperty: findCodeProperty(rewound)! };
}

/** The boundary file is kept in the workspace, as loaded, under this name. */
export const BOUNDARIES_FILE = 'boundaries.json';
