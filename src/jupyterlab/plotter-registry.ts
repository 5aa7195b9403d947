import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { PlotterHandle, RowsAnswer, RowsRequest } from 'async-plotter/protocol';
import { PlotterModel } from '../viewer/models/plotter-model';
import type { SectionInfo } from '../viewer/views/section-info';

/** Something that streams a plot server into a model; the registry disposes it. */
export interface PlotterLink {
  stop(): Promise<boolean>;
  fetchRows(request: RowsRequest): Promise<RowsAnswer | null>;
  dispose(): void;
}

export type LinkFactory = (model: PlotterModel) => PlotterLink;

/** A registry event: the plotter was added, taken over by a new handle, or removed. */
export interface RegistryChange {
  type: 'added' | 'replaced' | 'removed';
  model: PlotterModel;
  section: SectionInfo;
}

export interface RegistryOptions {
  connect: LinkFactory;
  /** Most rows kept of a dataset sent whole, not decimated (a memory guard the card shows). */
  rowLimit?: () => number | null;
}

/**
 * Every plotter the viewer follows, grouped by section. A handle whose section and title are
 * already known reuses that model (and so its cards): the old link is closed and the new one
 * streams into it, starting with a snapshot that resets every dataset.
 */
export class PlotterRegistry {
  constructor(options: RegistryOptions) {
    this._options = options;
  }

  get changed(): ISignal<this, RegistryChange> {
    return this._changed;
  }

  /** Sections in insertion order. */
  get sections(): SectionInfo[] {
    return [...this._sections.values()];
  }

  /** Every model in insertion order. */
  get models(): PlotterModel[] {
    return [...this._models.values()];
  }

  find(sectionKey: string, title: string): PlotterModel | undefined {
    return this._models.get(PlotterRegistry.key(sectionKey, title));
  }

  /**
   * The section already following the plotter of this handle id, if any: a handle rendered
   * before its notebook can be found (an output re-attached as the page reloads) joins the
   * plotter its section restored instead of making a second card elsewhere.
   */
  sectionFollowing(handleId: string): SectionInfo | null {
    const model = this.following(handleId);
    return model ? (this._sections.get(model.section) ?? null) : null;
  }

  /** The model following the plotter of this handle id, if any. */
  following(handleId: string): PlotterModel | null {
    for (const model of this._models.values()) {
      if (model.handle.id === handleId) {
        return model;
      }
    }
    return null;
  }

  /** Follow the plotter of `handle`; returns its model (new or taken over). */
  open(handle: PlotterHandle, section: SectionInfo): PlotterModel {
    const key = PlotterRegistry.key(section.key, handle.title);
    this._sections.set(section.key, section);
    const existing = this._models.get(key);
    if (existing) {
      const link = this._links.get(existing);
      if (existing.handle.id === handle.id && link) {
        return existing;
      }
      link?.dispose();
      existing.handle = handle;
      existing.status = 'connecting';
      this._links.set(existing, this._options.connect(existing));
      this._changed.emit({ type: 'replaced', model: existing, section });
      return existing;
    }
    const model = new PlotterModel(section.key, handle, this._options.rowLimit?.() ?? null);
    this._models.set(key, model);
    this._links.set(model, this._options.connect(model));
    this._changed.emit({ type: 'added', model, section });
    return model;
  }

  /** Ask the computation behind `model` to stop. */
  async stop(model: PlotterModel): Promise<boolean> {
    const link = this._links.get(model);
    return link ? link.stop() : false;
  }

  /** Rows of one of `model`'s datasets from its plot server; null without a link. */
  async fetchRows(model: PlotterModel, request: RowsRequest): Promise<RowsAnswer | null> {
    const link = this._links.get(model);
    return link ? link.fetchRows(request) : null;
  }

  /** Stop following `model` and forget it. */
  remove(model: PlotterModel): void {
    const key = PlotterRegistry.key(model.section, model.title);
    if (this._models.get(key) !== model) {
      return;
    }
    this._models.delete(key);
    this._links.get(model)?.dispose();
    this._links.delete(model);
    const section = this._sections.get(model.section) ?? { key: model.section, label: '' };
    this._changed.emit({ type: 'removed', model, section });
    model.dispose();
  }

  /** Every handle currently followed, to restore them after a reload. */
  handles(): { section: SectionInfo; handle: PlotterHandle }[] {
    return this.models.map(model => ({
      section: this._sections.get(model.section) ?? { key: model.section, label: model.section },
      handle: model.handle
    }));
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const [model, link] of this._links) {
      link.dispose();
      model.dispose();
    }
    this._links.clear();
    this._models.clear();
    Signal.clearData(this);
  }

  private static key(section: string, title: string): string {
    return JSON.stringify([section, title]);
  }

  private _options: RegistryOptions;
  private _sections = new Map<string, SectionInfo>();
  private _models = new Map<string, PlotterModel>();
  private _links = new Map<PlotterModel, PlotterLink>();
  private _isDisposed = false;
  private _changed = new Signal<this, RegistryChange>(this);
}
