import { aCheckpoint, anOfficer, anOperation, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { boundsContain, boundsOf, framingCheckpoints, framingCountries, needsPan, type Bounds } from './framing';

const lagos = aCheckpoint({ id: 'ng-los', country: 'NG', lon: 3.32, lat: 6.58 });
const kano = aCheckpoint({ id: 'ng-kan', country: 'NG', lon: 8.52, lat: 12.05 });
const cotonou = aCheckpoint({ id: 'bj-coo', country: 'BJ', lon: 2.38, lat: 6.36 });
const rome = aCheckpoint({ id: 'ap-fco', country: 'IT', lon: 12.25, lat: 41.8 });
const beijing = aCheckpoint({ id: 'ap-pek', country: 'CN', lon: 116.6, lat: 40.08 });
const all = [lagos, kano, cotonou, rome, beijing];
const harmattan = anOperation({ countries: ['BJ', 'NG', 'IT', 'CN'], hostCountries: ['BJ', 'NG'] });

describe('the operation frame', () => {
  it('given a scoped officer, then the map frames their country’s checkpoints only', () => {
    const frame = boundsOf(framingCheckpoints(all, framingCountries(officers.abuja, harmattan)))!;
    expect(boundsContain(frame, boundsOf([lagos, kano])!)).toBe(true);
    expect(frame[3]).toBeLessThan(20);
    expect(frame[2]).toBeLessThan(12);
  });

  it('given an unscoped officer and an operation run by Benin and Nigeria, then the frame holds their checkpoints and no partner airport', () => {
    const frame = boundsOf(framingCheckpoints(all, framingCountries(officers.duty, harmattan)))!;
    for (const checkpoint of [lagos, kano, cotonou]) expect(boundsContain(frame, [checkpoint.lon, checkpoint.lat, checkpoint.lon, checkpoint.lat])).toBe(true);
    expect(boundsContain(frame, [rome.lon, rome.lat, rome.lon, rome.lat])).toBe(false);
  });

  it('given an operation that names no hosts, then every checkpoint frames the map', () => {
    const frame = boundsOf(framingCheckpoints(all, framingCountries(officers.duty, anOperation({ countries: ['NG', 'CN'] }))))!;
    expect(frame).toEqual([2.38, 6.36, 116.6, 41.8]);
  });

  it('given an officer scoped to a country without checkpoints, then the map frames every checkpoint rather than nothing', () => {
    expect(framingCheckpoints(all, framingCountries(anOfficer({ scope: 'GH' }), harmattan))).toBe(all);
  });

  it('given one checkpoint, then the frame still spans its surroundings', () => {
    const [west, south, east, north] = boundsOf([lagos])!;
    expect(east - west).toBeCloseTo(3);
    expect(north - south).toBeCloseTo(3);
    expect(boundsOf([])).toBeUndefined();
  });
});

describe('panning to a selection', () => {
  const view: Bounds = [0, 0, 10, 10];

  it('given a place in plain sight, then the map does not move', () => {
    expect(needsPan(view, [5, 5])).toBe(false);
    expect(needsPan(view, [1, 9])).toBe(false);
  });

  it('given a place off screen or at the very edge, then the map pans to it', () => {
    expect(needsPan(view, [116.6, 40.08])).toBe(true);
    expect(needsPan(view, [-3, 5])).toBe(true);
    expect(needsPan(view, [9.9, 5])).toBe(true);
  });
});
