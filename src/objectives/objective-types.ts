/** Quality objectives (ISO 9001 6.2) and their measurement (9.1): the shared vocabulary. */

export const DIRECTIONS = ['at_least', 'at_most'] as const;
/** at_least: the value must reach the target (≥); at_most: it must not exceed it (≤). */
export type Direction = (typeof DIRECTIONS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'semester'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type TrackState = 'on_track' | 'off_track' | 'no_data';
