/**
 * The `Incident: <id>` trailer in a commit message being written: added for
 * the incident being worked on; when the current incident changes, the
 * trailer we added for the previous one is taken out (one a person typed is
 * never touched); a message that already has the trailer is left alone.
 */

const trailerLine = (incidentId: string) => `Incident: ${incidentId}`;

export function withIncidentTrailer(message: string, incidentId: string | undefined, previouslyAdded?: string): string {
  let lines = message.split('\n');
  if (previouslyAdded && previouslyAdded !== incidentId) {
    const index = lines.findIndex((line) => line.trim() === trailerLine(previouslyAdded));
    if (index >= 0) lines = [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n').replace(/\s+$/, '').split('\n');
  }
  const text = lines.join('\n');
  if (!incidentId || lines.some((line) => line.trim() === trailerLine(incidentId))) return text;
  const body = text.replace(/\s+$/, '');
  const lastParagraph = body.split(/\n[ \t]*\n/).at(-1) ?? '';
  // Join an existing trailer block (every line "Key: value"); else start one, two lines down.
  const inTrailerBlock = body.includes('\n\n') && lastParagraph.split('\n').every((line) => /^[A-Za-z0-9-]+:\s/.test(line));
  return `${body}${inTrailerBlock ? '\n' : '\n\n'}${trailerLine(incidentId)}`;
}
