// One Content-Security-Policy for both transports: only this app's own files and its own
// host connection; nothing remote, no inline script, no eval, no framing.
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // 'self' covers the browser-mode WebSocket (same host and port) and map data fetches.
  "connect-src 'self'",
  // maplibre's CSP build runs its worker from a file we serve.
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
