import type { ProductView } from '@tillkit/graphql';
import { money } from '@tillkit/models';

/** The demo shop's products. VAT rates are Austria's (the sandbox's fiskaltrust CashBox is AT). */
export const catalogue: ProductView[] = [
  {
    id: 'espresso-beans',
    name: 'Espresso beans 1 kg',
    description: 'Dark roast, Arabica and Robusta',
    price: money(2490, 'EUR'),
    vatRate: 10,
  },
  {
    id: 'filter-beans',
    name: 'Filter beans 500 g',
    description: 'Light roast, Ethiopia Yirgacheffe',
    price: money(1450, 'EUR'),
    vatRate: 10,
  },
  {
    id: 'enamel-mug',
    name: 'Enamel mug',
    description: 'Blue, 350 ml',
    price: money(1200, 'EUR'),
    vatRate: 20,
  },
  {
    id: 'hand-grinder',
    name: 'Hand grinder',
    description: 'Ceramic burrs',
    price: money(3990, 'EUR'),
    vatRate: 20,
  },
];
