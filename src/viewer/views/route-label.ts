import { routeDescription, routeText } from '../link/link-status';
import type { Route } from '../link/endpoint';
import type { Translation } from '../translation';
import { setText, setTitle } from './dom-writes';

/**
 * The small label of a card that says which way its link goes ("via Jupyter server",
 * "direct", ...), with what that means in its tooltip; hidden when there is nothing to say.
 */
export function createRouteLabel(): HTMLSpanElement {
  const label = document.createElement('span');
  label.className = 'jp-AsyncPlotter-route';
  label.hidden = true;
  return label;
}

/** Shows `route` in a label made by `createRouteLabel`. */
export function showRoute(label: HTMLElement, route: Route | null, trans: Translation): void {
  const value = route ?? '';
  if (label.dataset.route === value) {
    return;
  }
  label.dataset.route = value;
  const text = routeText(route, trans);
  setText(label, text);
  setTitle(label, routeDescription(route, trans));
  label.hidden = !text;
}
