/** A small levelled logger writing one line per event to stderr (JSON details appended). */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, details?: object): void;
  info(message: string, details?: object): void;
  warn(message: string, details?: object): void;
  error(message: string, details?: object): void;
}

export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (l: Exclude<Level, 'silent'>) => (message: string, details?: object) => {
    if (ORDER[l] < ORDER[level]) return;
    const extra = details && Object.keys(details).length ? ' ' + JSON.stringify(details) : '';
    write(`${new Date().toISOString()} ${l.toUpperCase()} ${message}${extra}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
