/**
 * A browser command line as the `BROWSER` variable holds one (Python's `webbrowser` and Jupyter
 * read it the same way): split into words like a POSIX shell would (quotes, backslashes), `%s`
 * standing for the URL, or the URL appended when there is no `%s`. No shell runs it.
 */

/** The words of `line`; throws on an unterminated quote. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote === "'") {
      if (char === "'") {
        quote = null;
      } else {
        word += char;
      }
    } else if (quote === '"') {
      if (char === '"') {
        quote = null;
      } else if (char === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
        word += line[++i];
      } else {
        word += char;
      }
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== null) {
    throw new Error(`unterminated ${quote} quote in the command "${line}"`);
  }
  if (inWord) {
    words.push(word);
  }
  return words;
}

/**
 * The program and arguments that open `url` with the command `line`: every `%s` replaced by the
 * URL, or the URL as the last argument; a trailing `&` (run in the background) is dropped, the
 * command always runs in the background.
 */
export function browserArgv(line: string, url: string): string[] {
  const words = splitCommandLine(line);
  if (words[words.length - 1] === '&') {
    words.pop();
  }
  if (words.length === 0) {
    return [];
  }
  return line.includes('%s') ? words.map(word => word.replaceAll('%s', url)) : [...words, url];
}
