/**
 * Text that leaves the repository for the public page: what XML and HTML may
 * not carry, or would let a writer spoof what readers see, is dropped, then
 * the markup characters are escaped for the format it goes into.
 */

/**
 * C0 controls but tab and newline, DEL, C1, bidi embeddings, overrides and
 * isolates, lone surrogates and the two noncharacters XML 1.0 forbids.
 */
// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const UNPUBLISHABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` without the characters a public page must not carry (a carriage return becomes a newline). */
export const publishable = (text: string): string => text.replace(/\r\n?/g, '\n').replace(UNPUBLISHABLE, '');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML and XML text and attribute values alike: `]]>` and `</script>` lose their meaning with their `>` and `<`. */
export const escapeMarkup = (text: string): string => publishable(text).replace(/[&<>"']/g, (character) => ENTITIES[character]);
