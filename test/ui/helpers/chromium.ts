/** Debian's Chromium, headless, with the flags this machine needs (no downloads, no sandbox). */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update'
  ]
};
