import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/security/csp';

/**
 * The built page carries the desk's CSP as a meta tag, from the same list the servers send as a
 * header. Not in `vite dev`, whose hot reload needs an inline script.
 */
export function cspMetaTag(): Plugin {
  return {
    name: 'desk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
