import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** What the user typed to reach a plot server started elsewhere. */
export interface ConnectRequest {
  url: string;
  token: string;
  title: string;
}

/** The form of the "connect to a plotter" dialog: URL, token, optional title. */
class ConnectForm extends Widget implements Dialog.IBodyWidget<ConnectRequest> {
  constructor(trans: TranslationBundle) {
    super();
    this.addClass('jp-AsyncPlotter-connectForm');
    this._url = this._field(trans.__('Plotter URL'), 'url', 'http://127.0.0.1:40123');
    this._token = this._field(trans.__('Token'), 'password', '');
    this._title = this._field(trans.__('Title (optional)'), 'text', '');
  }

  getValue(): ConnectRequest {
    return {
      url: this._url.value.trim(),
      token: this._token.value.trim(),
      title: this._title.value.trim()
    };
  }

  private _field(label: string, type: string, placeholder: string): HTMLInputElement {
    const wrapper = document.createElement('label');
    wrapper.className = 'jp-AsyncPlotter-connectField';
    const text = document.createElement('span');
    text.textContent = label;
    const input = document.createElement('input');
    input.className = 'jp-mod-styled';
    input.type = type;
    input.placeholder = placeholder;
    input.autocomplete = 'off';
    wrapper.append(text, input);
    this.node.append(wrapper);
    return input;
  }

  private _url: HTMLInputElement;
  private _token: HTMLInputElement;
  private _title: HTMLInputElement;
}

/** Ask for a plotter URL and token; null when cancelled or left empty. */
export async function askForPlotter(trans: TranslationBundle): Promise<ConnectRequest | null> {
  const result = await showDialog({
    title: trans.__('Connect to a Plotter'),
    body: new ConnectForm(trans),
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Connect') })],
    focusNodeSelector: 'input'
  });
  if (!result.button.accept || !result.value || !result.value.url || !result.value.token) {
    return null;
  }
  return result.value;
}
