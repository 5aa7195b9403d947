/** Ids of the commands of the live plot panel. */
export const CommandIDs = {
  open: 'async-plotter:open',
  connect: 'async-plotter:connect',
  pauseAll: 'async-plotter:pause-all',
  resumeAll: 'async-plotter:resume-all',
  clearAll: 'async-plotter:clear-all'
} as const;
