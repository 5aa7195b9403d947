/** Flags word shared by a plotter's two threads (index 0 of its control Int32Array). */
export const FLAG_STOPPED = 1;
export const FLAG_CLOSED = 2;
/** The plot server failed (its worker threw or ended): data calls throw PlotterFailedError. */
export const FLAG_FAILED = 4;
