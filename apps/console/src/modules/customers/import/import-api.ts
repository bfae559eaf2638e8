import type { CustomerImport } from '@rapport/contracts';
import { ApiError, parseErrorBody } from '../../../platform/api-client';

/** The server takes file names up to this length (`?fileName=`). */
const maxFileNameLength = 255;

/**
 * Uploads a CSV file as the raw request body (`Content-Type: text/csv`, the
 * way `POST /customer-imports` takes it), with the session's CSRF token, and
 * returns the new import: detected encoding, delimiter, headers, suggested
 * mapping and sample rows. The shared api-client only sends JSON, hence this.
 * Throws ApiError like the api-client does (`network_error` when unreachable).
 */
export async function uploadCustomerImport(file: File, csrfToken: string | null): Promise<CustomerImport> {
  // Browsers label .csv files inconsistently (Windows says application/vnd.ms-excel): the type is set here.
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'text/csv' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const query = new URLSearchParams({ fileName: file.name.slice(0, maxFileNameLength) });
  let response: Response;
  try {
    response = await fetch(`/api/v1/customer-imports?${query.toString()}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'network error');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw parseErrorBody(response.status, parsed);
  return parsed as CustomerImport;
}

/** Same-origin address of an import's error report, for a plain download link (the session cookie goes along). */
export function errorReportHref(importId: string): string {
  return `/api/v1/customer-imports/${encodeURIComponent(importId)}/errors.csv`;
}
