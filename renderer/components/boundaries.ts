import { findCodeProperty, type Boundaries } from '../../analysis/charts/choropleth.js';

/** The boundary file is kept in the workspace under this name. */
export const BOUNDARIES_FILE = 'boundaries.json';

type Props = { properties?: Record<string, unknown> | null };

/** Recognise GeoJSON or TopoJSON and the property holding commune codes; throws when neither. */
export function parseBoundaries(text: string): Boundaries {
  const data = JSON.parse(text) as { type?: string; features?: Props[]; objects?: Record<string, { geometries?: Props[] }> };
  if (data.type === 'FeatureCollection' && Array.isArray(data.features)) {
    const codeProperty = findCodeProperty(data.features);
    if (!codeProperty) throw new Error('no property with commune codes · không thấy thuộc tính mã xã');
    return { kind: 'geojson', data: data as Extract<Boundaries, { kind: 'geojson' }>['data'], codeProperty };
  }
  if (data.type === 'Topology' && data.objects) {
    for (const [object, o] of Object.entries(data.objects)) {
      const codeProperty = findCodeProperty(o.geometries ?? []);
      if (codeProperty) return { kind: 'topojson', data: data as Extract<Boundaries, { kind: 'topojson' }>['data'], object, codeProperty };
    }
    throw new Error('no object with commune codes · không thấy đối tượng có mã xã');
  }
  throw new Error('not GeoJSON or TopoJSON · không phải GeoJSON hay TopoJSON');
}
