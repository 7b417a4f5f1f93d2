import { buildSchema, isObjectType, parse } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { hostTypeDefs } from './host.ts';
import { typeDefs } from './schema.ts';

// Names Vendure 3.7's shop API already has (shared/specs/platforms.md A2.6, from introspection).
const vendureTypes =
  'DateTime JSON Money Upload AdjustmentType AssetType CurrencyCode DeletionResult ErrorCode GlobalFlag HistoryEntryType LanguageCode LogicalOperator OrderType Permission SortOrder CustomField ErrorResult Node PaginatedList Region StructField ActiveOrderResult AddPaymentToOrderResult CustomFieldConfig StructFieldConfig SearchResultPrice DateRange NumberRange PaymentInput Address Adjustment Asset AuthenticationMethod Channel Collection ConfigArg ConfigurableOperation Coordinate Country CurrentUser Customer CustomerGroup DeletionResponse Discount Facet FacetValue Fulfillment FulfillmentLine HistoryEntry LocalizedString Order OrderAddress OrderLine OrderTaxSummary Payment PaymentMethod PaymentMethodQuote PriceRange Product ProductOption ProductOptionGroup ProductVariant Promotion Province PublicPaymentMethod PublicShippingMethod Refund RefundLine Role SearchResponse SearchResult SearchResultAsset Seller ShippingLine ShippingMethod ShippingMethodQuote SinglePrice StringFieldOption Success Surcharge Tag TaxCategory TaxLine TaxRate User Zone'.split(
    ' ',
  );
const vendureQueries =
  'activeChannel activeCustomer activeOrder activePaymentMethods activeShippingMethods availableCountries collection collections eligiblePaymentMethods eligibleShippingMethods facet facets me nextOrderStates order orderByCode product products search'.split(
    ' ',
  );
const vendureMutations =
  'addItemToOrder addItemsToOrder addPaymentToOrder adjustOrderLine applyCouponCode authenticate login logout setCustomerForOrder transitionOrderToState updateCustomer'.split(
    ' ',
  );

// A host with those names (and a CurrencyCode enum where our scalar would sit), no Subscription type.
const hostSdl = `
  scalar DateTime
  scalar JSON
  scalar Money
  enum CurrencyCode { EUR USD }
  type Product { id: ID! name: String! }
  type Order { id: ID! code: String! total: Money! currencyCode: CurrencyCode! }
  type Query { ${vendureQueries.map((q) => `${q}: String`).join(' ')} }
  type Mutation { ${vendureMutations.map((m) => `${m}: String`).join(' ')} }
`;

describe('merging into a host schema', () => {
  it('declares no type or root field a Vendure shop API already has', () => {
    const schema = buildSchema(typeDefs);
    const ours = Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__'));
    const roots = ['Query', 'Mutation', 'Subscription'];
    expect(ours.filter((n) => vendureTypes.includes(n))).toEqual([]);
    for (const root of roots) {
      const type = schema.getType(root);
      const fields = type && isObjectType(type) ? Object.keys(type.getFields()) : [];
      expect(fields.filter((f) => vendureQueries.includes(f) || vendureMutations.includes(f))).toEqual([]);
      expect(fields.every((f) => f.startsWith('tillkit'))).toBe(true);
    }
    const custom = ours.filter(
      (n) => !roots.includes(n) && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(n),
    );
    expect(custom.every((n) => n.startsWith('TillKit'))).toBe(true);
  });

  it('extends the host root types and builds next to its own names', () => {
    const host = buildSchema(hostSdl);
    const merged = buildSchema(`${hostSdl}\n${hostTypeDefs({ host, subscription: false })}`);
    const query = merged.getQueryType()?.getFields() ?? {};
    expect(Object.keys(query)).toEqual(
      expect.arrayContaining(['products', 'tillkitCheckout', 'tillkitReceipt']),
    );
    expect(Object.keys(merged.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['addItemToOrder', 'tillkitStartCheckout', 'tillkitCancelCheckout']),
    );
    expect(merged.getSubscriptionType()).toBeUndefined();
  });

  it('defines a root type the host lacks (Subscription) instead of extending it', () => {
    const host = buildSchema(hostSdl);
    const merged = buildSchema(`${hostSdl}\n${hostTypeDefs({ host })}`);
    expect(Object.keys(merged.getSubscriptionType()?.getFields() ?? {})).toEqual(['tillkitCheckoutStatus']);
  });

  it('drops definitions the host already has, so the host’s own are used', () => {
    const sdl = `${hostSdl}\nscalar TillKitCurrencyCode\nscalar TillKitMinorUnits`;
    const host = buildSchema(sdl);
    const ext = hostTypeDefs({ host, subscription: false });
    expect(ext).not.toMatch(/scalar TillKitCurrencyCode|scalar TillKitMinorUnits/);
    expect(() => buildSchema(`${sdl}\n${ext}`)).not.toThrow();
  });

  it('drops names listed in omit, and extends every root type when no host is given', () => {
    const ext = hostTypeDefs({ omit: ['TillKitEntityId'] });
    const names = parse(ext).definitions.map((d) =>
      'name' in d && d.name ? `${d.kind}:${d.name.value}` : d.kind,
    );
    expect(names).not.toContain('ScalarTypeDefinition:TillKitEntityId');
    expect(names).toEqual(
      expect.arrayContaining([
        'ObjectTypeExtension:Query',
        'ObjectTypeExtension:Mutation',
        'ObjectTypeExtension:Subscription',
      ]),
    );
  });
});
