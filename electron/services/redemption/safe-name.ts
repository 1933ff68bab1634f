// File names from users are metadata only. These helpers make them harmless wherever a name is
// shown or written into a packet: no path parts, no control characters, bounded length.

const MAX_NAME = 120;

/**
 * Characters that change how a name is shown without being seen: bidi embeddings, overrides and
 * isolates (合同/\u202Etxt.exe shows as …exe.txt), marks, zero-width spaces and joiners, the BOM.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes invisible direction and width characters and lone surrogates from any stored name. */
export function stripInvisible(text: string): string {
  return text.replace(LONE_SURROGATE, '').replace(INVISIBLE, '');
}

/**
 * Neutralises a user-supplied file name: no '..', NUL, control, direction or zero-width characters,
 * no path: '/' and '\\' become '_' (they never shorten the name), bounded length.
 */
export function neutraliseFileName(name: string): string {
  let clean = stripInvisible(name)
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[/\\<>:"|?*]/g, '_')
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
