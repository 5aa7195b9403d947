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
    this._url = this._field(
      trans.__('Plotter URL'),
      'url',
      'http://127.0.0.1:40123',
      trans.__('An http or https address: plot.handle.url in the notebook that opened it.')
    );
    this._token = this._field(
      trans.__('Token'),
      'password',
      '',
      trans.__('plot.handle.token of the same plotter.')
    );
    this._title = this._field(
      trans.__('Title (optional)'),
      'text',
      '',
      trans.__('Names the cards; connecting again with the same title takes them over.')
    );
    this._url.required = true;
    this._token.required = true;
  }

  getValue(): ConnectRequest {
    return {
      url: this._url.value.trim(),
      token: this._token.value.trim(),
      title: this._title.value.trim()
    };
  }

  private _field(label: string, type: string, placeholder: string, hint: string): HTMLInputElement {
    const id = `jp-AsyncPlotter-connect-${++fields}`;
    const wrapper = document.createElement('div');
    wrapper.className = 'jp-AsyncPlotter-connectField';
    const text = document.createElement('label');
    text.htmlFor = id;
    text.textContent = label;
    const input = document.createElement('input');
    input.id = id;
    input.className = 'jp-mod-styled';
    input.type = type;
    input.placeholder = placeholder;
    input.autocomplete = 'off';
    input.spellcheck = false;
    const note = document.createElement('span');
    note.className = 'jp-AsyncPlotter-connectHint';
    note.id = `${id}-hint`;
    note.textContent = hint;
    input.setAttribute('aria-describedby', note.id);
    wrapper.append(text, input, note);
    this.node.append(wrapper);
    return input;
  }

  private _url: HTMLInputElement;
  private _token: HTMLInputElement;
  private _title: HTMLInputElement;
}

let fields = 0;

/** Ask for a plotter URL and token; null when cancelled (fields may be empty otherwise). */
export async function askForPlotter(trans: TranslationBundle): Promise<ConnectRequest | null> {
  const result = await showDialog({
    title: trans.__('Connect to a Plotter'),
    body: new ConnectForm(trans),
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Connect') })],
    focusNodeSelector: 'input'
  });
  if (!result.button.accept || !result.value) {
    return null;
  }
  return result.value;
}
