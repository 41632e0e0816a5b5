/**
 * An officer's role and country scope as one comparable value: what a cached picture was built for, and
 * what the data plane expects the hub to confirm in `hello`.
 */
export function rightsOf(officer: { readonly role: string; readonly scope?: string | undefined }): string {
  return `${officer.role}/${officer.scope ?? ''}`;
}
