import type { IThemeManager } from '@jupyterlab/apputils';

/** Whether JupyterLab shows a dark theme now. */
export function isDarkTheme(themes: IThemeManager | null): boolean {
  if (themes?.theme) {
    return !themes.isLight(themes.theme);
  }
  return document.body.dataset.jpThemeLight === 'false';
}

/** Calls `redraw` after every theme change, once the new theme's CSS variables apply. */
export function followTheme(themes: IThemeManager | null, redraw: () => void): void {
  themes?.themeChanged.connect(() => {
    // Let the new theme's CSS variables apply before reading them.
    requestAnimationFrame(redraw);
  });
}
