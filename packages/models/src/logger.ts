/**
 * The one logger interface of every TillKit package. Every method is optional, so `console`, pino, a
 * Medusa or Vendure logger fit as they are; libraries stay silent unless given one, and never pass it a
 * secret (contexts are redacted by the HTTP layer before they reach it).
 */
export interface Logger {
  debug?(message: string, context?: Record<string, unknown>): void;
  info?(message: string, context?: Record<string, unknown>): void;
  warn?(message: string, context?: Record<string, unknown>): void;
  error?(message: string, context?: Record<string, unknown>): void;
}
