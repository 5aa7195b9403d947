/**
 * Text a viewer chose (its name, an event name) as the log may show it: printable ASCII only (no
 * forged log lines), cut to a length, and never the token, even from a viewer that knows it.
 */
export function logText(text: string, max: number, token: string): string {
  if (token.length > 0 && text.includes(token)) {
    return '(withheld: it holds the token)';
  }
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
