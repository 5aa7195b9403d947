/**
 * The part of a translation bundle the viewer's widgets use. JupyterLab's `TranslationBundle`
 * has this shape, so the panel passes its own; the standalone page uses `englishTranslation`.
 */
export interface Translation {
  /** The message with `%1`, `%2`, … replaced by `args`. */
  __(message: string, ...args: unknown[]): string;
  /** The singular or plural message for `count`; `%1` is `count`, `%2`, … are `args`. */
  _n(singular: string, plural: string, count: number, ...args: unknown[]): string;
}

/** `%1`, `%2`, … in `message` replaced by `args` (JupyterLab's placeholder convention). */
function fill(message: string, args: unknown[]): string {
  return message.replace(/%(\d+)/g, (text, index: string) => {
    const value = args[Number(index) - 1];
    return value === undefined ? text : String(value);
  });
}

/** Messages as written (English), for viewers without a translator. */
export const englishTranslation: Translation = {
  __: (message, ...args) => fill(message, args),
  _n: (singular, plural, count, ...args) => fill(count === 1 ? singular : plural, [count, ...args])
};
