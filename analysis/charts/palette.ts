/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const COLORS = {
  value: '#0072B2',
  band: '#56B4E9',
  target: '#D55E00',
  flagged: '#CC79A7',
  male: '#0072B2',
  female: '#E69F00',
  limit95: '#999999',
  limit998: '#555555',
  noData: '#d9d9d9',
} as const;

/** A sequential, colour-blind-safe scheme for choropleths. */
export const SEQUENTIAL_SCHEME = 'viridis';
