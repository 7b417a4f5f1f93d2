import { type DefinitionNode, type DocumentNode, Kind, parse, print } from 'graphql/index.js';
import { typeDefs } from './schema.ts';

/** Options of {@link hostTypeDefs}. */
export interface HostTypeDefsOptions {
  /**
   * The host's schema (or anything that answers `getType(name)`): definitions it already has are dropped,
   * so the host's own take their place, and root types it has are extended rather than defined.
   */
  host?: { getType(name: string): unknown };
  /** More type names to drop (the host defines them itself). @default [] */
  omit?: readonly string[];
  /** Keep `tillkitCheckoutStatus` (hosts without subscriptions drop it). @default true */
  subscription?: boolean;
}

const roots = new Set(['Query', 'Mutation', 'Subscription']);

function nameOf(def: DefinitionNode): string | undefined {
  return 'name' in def && def.name ? def.name.value : undefined;
}

/**
 * The SDL in the form a host merges into its own schema: `extend type Query`/`Mutation`/`Subscription`
 * for the root types the host has, and without the definitions it already has or names in `omit`.
 *
 * @example
 * // Vendure: shopApiExtensions: { schema: (host) => gql(hostTypeDefs({ host, subscription: false })) }
 */
export function hostTypeDefs(options: HostTypeDefsOptions = {}): string {
  const omit = new Set(options.omit ?? []);
  const has = (name: string) => options.host === undefined || options.host.getType(name) != null;
  const definitions: DefinitionNode[] = [];
  for (const def of parse(typeDefs).definitions) {
    const name = nameOf(def);
    if (name === undefined) continue;
    if (name === 'Subscription' && options.subscription === false) continue;
    if (roots.has(name) && def.kind === Kind.OBJECT_TYPE_DEFINITION) {
      definitions.push(has(name) ? { ...def, kind: Kind.OBJECT_TYPE_EXTENSION } : def);
      continue;
    }
    if (omit.has(name) || (options.host !== undefined && has(name))) continue;
    definitions.push(def);
  }
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  return print(document);
}
