/** Why the plot server could not listen, in words that say what to do. */
export function listenFailure(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use; choose another port, or leave \`port\` out to get a free one`;
    case 'EACCES':
      return `no permission to listen on port ${port} on ${host}; choose a port above 1023, or leave \`port\` out`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine; leave \`host\` out to listen on 127.0.0.1`;
    default:
      return `cannot listen on ${host}:${port}: ${String(error)}`;
  }
}
