// Errors a request handler raises; the router turns them into API.md's JSON error body.
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level fields of the body (410: epoch and horizon; 409: alert). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ error: { code: this.code, message: this.message }, ...this.extra });
  }
}
