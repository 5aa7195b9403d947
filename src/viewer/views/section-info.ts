/** Where a plotter came from: a notebook (its path) or a manual connection. */
export interface SectionInfo {
  /** Stable key, e.g. the notebook path. */
  key: string;
  /** Shown as the section heading. */
  label: string;
}
