/**
 * DOM writes that happen only when the value changes: a card refreshes many times a second, and
 * writing an equal text still makes the browser recompute style and layout.
 */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

export function setTitle(element: HTMLElement, title: string): void {
  if (element.title !== title) {
    element.title = title;
  }
}
