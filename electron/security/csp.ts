// The one CSP of the desk: no remote code, no inline script, no eval; antd needs inline styles.
// It is sent as a response header (browser-mode server, Electron's app:// protocol) and written
// into the built index.html as a meta tag (vite.config.mts), both from this list.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy for a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
