// File names from users are metadata only. These helpers make them harmless wherever a name is
// shown or written into a packet: no path parts, no control characters, bounded length.

const MAX_NAME = 120;

/** Neutralises a user-supplied file name: basename only, no '..', '/', '\\', NUL or control chars. */
export function neutraliseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  // Device names that Windows refuses as file names, with any extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(clean)) clean = `_${clean}`;
  if (clean.length > MAX_NAME) {
    const ext = safeExtension(clean);
    clean = clean.slice(0, MAX_NAME - ext.length) + ext;
  }
  return clean || 'file';
}

/** '.pdf' style extension (lower case, letters and digits only) or '' when there is none worth keeping. */
export function safeExtension(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? `.${m[1].toLowerCase()}` : '';
}

/** Makes `name` unique within `taken` by inserting ' (2)', ' (3)' … before the extension. */
export function uniqueName(name: string, taken: Set<string>): string {
  const ext = safeExtension(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
