/**
 * The toolbar icons of the cards (the shapes of JupyterLab's own icons), drawn in the button's
 * text colour so that they follow the theme in the panel and on the standalone page alike.
 */

const PATHS = {
  pause: '<path d="M7 6h4v12H7Zm6 0h4v12h-4z"/>',
  run: '<path d="M8 5v14l11-7z"/>',
  clear:
    '<path d="M4.929 6.343 6.343 4.93l12.728 12.728-1.414 1.414z"/><path fill-rule="evenodd" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Z"/>',
  image:
    '<path d="M3 3v18h18V3Zm2 2h14v9.6l-3.3-4-3.2 4-2.5-3L5 17.3Zm11 1.5a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6Z"/>',
  download: '<path d="M19 9h-4V3H9v6H5l7 7zM5 18v2h14v-2z"/>',
  launch:
    '<path d="M19.5 21h-15A1.5 1.5 0 0 1 3 19.5v-15A1.5 1.5 0 0 1 4.5 3H12v1.5H4.5v15h15V12H21v7.5a1.5 1.5 0 0 1-1.5 1.5"/><path d="M15 1.5V3h4.94L13.5 9.44l1.06 1.06L21 4.06V9h1.5V1.5z"/>',
  stop: '<path d="M6 6h12v12H6z"/>',
  close:
    '<path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/>',
  vector:
    '<path fill="none" stroke="currentColor" stroke-width="2" d="M4 18C8 4 16 20 20 6"/><path d="M2 16h4v4H2zm16-12h4v4h-4z"/>',
  table:
    '<path fill="none" stroke="currentColor" stroke-width="2" d="M3 5h18v14H3zM3 10h18M3 15h18M10 5v14"/>',
  braces:
    '<path fill="none" stroke="currentColor" stroke-width="2" d="M9 4C7 4 6 5 6 7v2.5C6 11 5 12 3.5 12 5 12 6 13 6 14.5V17c0 2 1 3 3 3m6-16c2 0 3 1 3 3v2.5c0 1.5 1 2.5 2.5 2.5-1.5 0-2.5 1-2.5 2.5V17c0 2-1 3-3 3"/>',
  cells: '<path d="M3 3h6v6H3zm12 0h6v6h-6zM9 9h6v6H9zm-6 6h6v6H3zm12 0h6v6h-6z"/>',
  zoomReset:
    '<path d="M12 6.5a5.5 5.5 0 0 1 5.2 3.7l1.9-.6A7.5 7.5 0 0 0 5.3 7.7L4 6.4V11h4.6L6.8 9.2A5.5 5.5 0 0 1 12 6.5Zm0 11a5.5 5.5 0 0 1-5.2-3.7l-1.9.6a7.5 7.5 0 0 0 13.8 1.9l1.3 1.3V13h-4.6l1.8 1.8A5.5 5.5 0 0 1 12 17.5Z"/>'
} as const;

export type IconName = keyof typeof PATHS;

/** A `<span class="jp-AsyncPlotter-icon">` holding the icon as inline SVG (decorative). */
export function iconElement(name: IconName): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = 'jp-AsyncPlotter-icon';
  span.setAttribute('aria-hidden', 'true');
  span.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" fill="currentColor" focusable="false">${PATHS[name]}</svg>`;
  return span;
}
