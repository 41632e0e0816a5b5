/** The world map: what the live screen mounts, and the hit store it draws from. */
export { WorldMap, type WorldMapProps, type WorldMapView } from './WorldMap';
export { createHitColumns, type HitColumns, type HitColumnsOptions } from './hit-columns';
export type { MapFilters } from './categories';
export type { MapWindow } from './map-controller';
export { useMapPicture, type PastPicture } from './use-map-picture';
export { boundsOf, framingCheckpoints, framingCountries } from './framing';
