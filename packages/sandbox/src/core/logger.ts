/** Where the sandbox writes what it does. Silent by default; the CLI logs to the console. Never given secrets. */
export interface SandboxLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const silentLogger: SandboxLogger = { info() {}, warn() {}, error() {} };
